/**
 * The id of a row. Every table's key (and every foreign key) is a bigint column, which pg returns
 * as a string ('42') on PostgreSQL and PGlite alike (src/platform/db.ts sets no parser for int8,
 * so ids are never rounded); ids from `req.params` (checked by `isId`) are strings too. So an id is
 * a `string` everywhere: type the row (`.returning<{ id: Id }[]>('id')`, `.first<{ id: Id }>(…)`)
 * rather than converting it with `String()`. The one exception is an id built inside a JSON
 * value by SQL (json_build_object of a bigint gives a JSON number): readTogether's `bigints` turns
 * those back into strings, and a JSON read outside it converts them where it parses them.
 * (src/platform/db-tables.ts names each table's key the same way: `UsersId = string`.)
 */
export type Id = string;
