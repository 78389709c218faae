import type { Request } from 'express';
import { caseUrl } from '../accompaniments/tabs';
import type { DocumentPurpose } from '../documents/purpose';
import { storeDocument } from '../documents/store';
import type { Storage } from '../platform/storage';
import { type Upload, uploadRoute } from '../platform/uploads';
import type { Writer } from '../platform/write';
import { submitInvoice } from './invoice-commands';
import { scopeOrders } from './scope';
import type { InvoiceInput } from './schemas';

export const INVOICE_PURPOSE = 'provider_invoice';

/** An invoice's PDF is posted here (multipart): the route and the CSRF check both read this path. */
export const invoiceUpload = uploadRoute('/payments/orders/:id/invoices');

/**
 * The provider's invoices, read by whoever sees their order (payments/scope.ts: the operator's
 * staff, admins, the provider itself); kept, as an accountant's record.
 */
export const invoiceFiles: DocumentPurpose = {
  name: INVOICE_PURPOSE,
  canRead: async (user, _acc, doc, db) =>
    Boolean(
      await scopeOrders(
        user,
        db('provider_invoices as i')
          .join('purchase_orders as o', 'o.id', 'i.purchase_order_id')
          .where('i.document_id', doc.id)
          .first('i.id'),
      ),
    ),
  canDelete: () => false,
  backTo: (acc) => caseUrl(acc.id, 'payments'),
};

/**
 * Stores the invoice's PDF and records the invoice (submitInvoice) in one transaction: the file is
 * removed again when the invoice is refused. The request is only the actor and the logger.
 */
export async function storeInvoice(
  files: { storage: Storage; write: Writer },
  req: Request,
  order: Parameters<typeof submitInvoice>[1],
  input: InvoiceInput,
  upload: Upload,
  opts: { baseUrl: string },
) {
  let id = '';
  await storeDocument(
    files,
    req,
    { accompanimentId: order.accompaniment_id, purpose: INVOICE_PURPOSE, upload },
    undefined,
    async (_trx, documentId, w) => {
      id = await submitInvoice(w, order, input, { documentId, sha256: upload.sha256 }, opts);
    },
  );
  return id;
}
