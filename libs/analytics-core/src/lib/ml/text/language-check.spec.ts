import { checkEnglish } from './language-check';

describe('checkEnglish', () => {
  it.each([
    'Where is my order? It was supposed to arrive yesterday',
    'The app keeps crashing when I open it',
    'thanks!',
    'great service',
    'My package never arrived',
    "I can't log in",
    ':) :)',
    '12345',
  ])('accepts English (or nothing language-specific): %p', (text) => {
    expect(checkEnglish(text).english).toBe(true);
  });

  it.each([
    ['German', 'Das Essen war sehr gut'],
    ['Spanish', 'El pedido todavía no ha llegado a mi casa'],
    ['French', 'Je voudrais annuler ma commande'],
    ['Dutch', 'Ik wil mijn bestelling annuleren'],
    ['one foreign word', 'danke'],
  ])('refuses %s', (_, text) => {
    expect(checkEnglish(text)).toMatchObject({ english: false, detail: expect.stringContaining('common English words') });
  });

  it('refuses text mostly in a non-Latin script', () => {
    expect(checkEnglish('Где мой заказ? order')).toMatchObject({ english: false, detail: 'the text is mostly written in a non-Latin script' });
    expect(checkEnglish('我的订单在哪里')).toMatchObject({ english: false });
  });

  it('needs 30 % common English words from three words on: 1 of 4 fails, 2 of 4 passes', () => {
    // "order" is on the list; the other words are not.
    expect(checkEnglish('order zyx qwv plk')).toMatchObject({
      english: false,
      words: 4,
      englishWords: 1,
      detail: '1 of 4 words are common English words; at least 2 needed',
    });
    expect(checkEnglish('order the qwv plk')).toMatchObject({ english: true, englishWords: 2 });
  });
});
