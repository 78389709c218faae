import { createPdf } from '../../src/platform/pdf';
import { pdfText } from '../support/pdf-text';

describe('reading a generated PDF back (test/support/pdf-text.ts)', () => {
  it('gives its lines in reading order, with French characters intact', async () => {
    const { doc, done } = await createPdf({ title: 'Essai', subject: 'Lecture' });
    doc.font('Helvetica-Bold').fontSize(14).text('Convention d’accompagnement');
    doc.font('Helvetica').fontSize(10.5).text('Cœur de métier : « GES » — 7 000 € à Belfort');
    doc.text('Gauche', 56, 300, { continued: false });
    doc.text('Droite', 300, 300);
    doc.addPage().text('Deuxième page');
    doc.end();
    const text = await pdfText(await done);
    const lines = text.split('\n').map((l) => l.trim());
    expect(lines[0]).toBe('Convention d’accompagnement');
    expect(lines[1]).toBe('Cœur de métier : « GES » — 7 000 € à Belfort');
    expect(lines).toContain('Gauche Droite');
    expect(text.indexOf('Deuxième page')).toBeGreaterThan(text.indexOf('\f'));
  });
});
