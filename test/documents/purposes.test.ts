import { CONVENTION_PURPOSE, SCAN_PURPOSE } from '../../src/conventions/route-helpers';
import { DELIVERABLE_PURPOSE } from '../../src/deliverables/queries';
import { ATTACHMENT_PURPOSE } from '../../src/diagnostics/section';
import { DOCUMENT_PURPOSES, purposeNamed, UPLOAD_ROUTES } from '../../src/documents/purposes';
import { uploadRoute } from '../../src/platform/uploads';
import { INVOICE_PURPOSE } from '../../src/payments/documents';
import { REPORT_PURPOSE } from '../../src/progress-reports/queries';

/**
 * The documents area reads the purposes and upload routes the other areas declare (their
 * documents.ts). A purpose stored without a declaration would be a file nobody can download (404).
 */
describe('documents: purposes and upload routes', () => {
  it('declares once every purpose a file is stored under', () => {
    const names = DOCUMENT_PURPOSES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const stored of [
      CONVENTION_PURPOSE,
      SCAN_PURPOSE,
      DELIVERABLE_PURPOSE,
      ATTACHMENT_PURPOSE,
      REPORT_PURPOSE,
      INVOICE_PURPOSE,
    ]) {
      expect(purposeNamed(stored)?.name).toBe(stored);
    }
    expect(purposeNamed('anything_else')).toBeUndefined();
  });

  it('matches an upload route by its path, ids only, as Express routes it', () => {
    const r = uploadRoute('/deliverables/:id/versions');
    expect(r.pattern.test('/deliverables/12/versions')).toBe(true);
    expect(r.pattern.test('/Deliverables/12/Versions')).toBe(true);
    for (const other of [
      '/deliverables/0/versions',
      '/deliverables/abc/versions',
      '/deliverables/12/versions/x',
      '/deliverables/12',
      '/x/deliverables/12/versions',
    ]) {
      expect(r.pattern.test(other)).toBe(false);
    }
  });

  it('lists the four routes that receive a file', () => {
    expect(UPLOAD_ROUTES.map((r) => r.path).sort()).toEqual([
      '/accompaniments/:id/convention/signatures',
      '/accompaniments/:id/diagnostic/attachments',
      '/deliverables/:id/versions',
      '/payments/orders/:id/invoices',
    ]);
  });
});
