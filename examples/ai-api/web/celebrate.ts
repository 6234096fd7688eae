// Confetti on the order-confirmation page, loaded straight from a CDN.
import confetti from 'https://cdn.skypack.dev/canvas-confetti';

export function celebrateOrder(): void {
  confetti({ particleCount: 120, spread: 70 });
}
