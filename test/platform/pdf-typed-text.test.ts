import { bulletList, createPdf, eur, plain, typedText, type Pdf } from '../../src/platform/pdf';
import { pdfText } from '../support/pdf-text';
import { expectTypedText, pdfLines, TYPED_TEXT } from '../support/typed-text';

const draw = async (paint: (doc: Pdf) => void) => {
  const { doc, done } = await createPdf({ title: 'Essai', subject: 'Texte saisi' });
  paint(doc);
  doc.end();
  return pdfText(await done);
};

describe('printing what a user typed (platform/pdf typedText)', () => {
  it('prints CRLF line breaks as lines, "- item", "* item" and "• item" as bullets, without a stray "Ð"', async () => {
    const text = await draw((doc) => typedText(doc, TYPED_TEXT));
    expectTypedText(text);
    // The raw text, as pdfkit printed it before: every CR is a "Ð".
    const raw = await draw((doc) => doc.text(TYPED_TEXT));
    expect(raw).toContain('Ð');
  });

  it('prints "Motifs : …" on one line for one line, above the text for a list; the empty text when nothing was typed', async () => {
    const text = pdfLines(
      await draw((doc) => {
        typedText(doc, 'Fermeture du chantier\r\n', { label: 'Motifs' });
        typedText(doc, '- perte du marché\r\n- départ du directeur', { label: 'Raisons' });
        typedText(doc, '  \r\n', { empty: 'Non renseigné' });
        typedText(doc, null, { label: 'Jamais imprimé' });
      }),
    );
    expect(text).toEqual([
      'Motifs : Fermeture du chantier',
      'Raisons :',
      '• perte du marché',
      '• départ du directeur',
      'Non renseigné',
    ]);
  });

  it('never breaks a line inside an amount or before « : » and « % »', async () => {
    // The amount is moved along the line one character at a time, so that it falls across the
    // end of the line at some point: it must then go to the next line whole.
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) {
      const text = await draw((doc) => {
        typedText(doc, `${'mot '.repeat(14)}${'x'.repeat(i)} montant 127 000 € et 12 % : ${eur(7000)} fin`);
        bulletList(doc, [`${'mot '.repeat(14)}${'y'.repeat(i)} reste 1 250 000 € à 80 %`]);
      });
      lines.push(...pdfLines(text));
    }
    const all = lines.join('\n');
    expect(all).toContain('127 000 €');
    expect(lines.filter((l) => l.includes('000 €')).every((l) => /\b(127|7|1 250) 000 €/.test(l))).toBe(true);
    expect(all).not.toMatch(/\d\n(\d{3}|€|%)/);
    expect(all).not.toMatch(/\n[:%€]/);
    expect(all).not.toMatch(/\n•?\s*000/);

    // The same lines with ordinary spaces, printed raw, do break inside the amount somewhere.
    const raw: string[] = [];
    for (let i = 0; i < 40; i++)
      raw.push(
        await draw((doc) => doc.text(`${'mot '.repeat(14)}${'x'.repeat(i)} montant 127 000 € et 12 % : 7 000 € fin`)),
      );
    expect(raw.join('\n')).toMatch(/\d\n(\d{3}|€)/);
  });

  it('keeps French number spacing printable: the narrow no-break space becomes a no-break space', () => {
    expect(plain('7\u202f000\u00a0€')).toBe('7\u00a0000\u00a0€');
    expect(plain('a\r\nb\rc')).toBe('a\nb\nc');
    expect(plain('« Oui » : 12 500 € ; 80 % ! ?')).toBe(
      '«\u00a0Oui\u00a0»\u00a0: 12\u00a0500\u00a0€\u00a0; 80\u00a0%\u00a0!\u00a0?',
    );
    // A year next to a year stays two numbers.
    expect(plain('de 2015 2016')).toBe('de 2015 2016');
  });

  it('makes a document without a subject (pdfkit threw on an undefined one)', async () => {
    const { doc, done } = await createPdf({ title: 'Sans sujet' });
    doc.text('Bonjour');
    doc.end();
    expect(await pdfText(await done)).toContain('Bonjour');
  });
});
