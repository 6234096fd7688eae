// Input checks shared by the routes: allowed callback hosts, display escaping, coupon codes.

// Partner sites that may receive the OAuth callback.
const PARTNER_CALLBACK = /^https:\/\/(app|portal).partner-shop.com\/oauth\/callback$/;

const COUPON_CODE = /^[A-Z0-9]{6,12}$/g;

export function isPartnerCallback(url: string): boolean {
  return PARTNER_CALLBACK.test(url);
}

export function escapeForDisplay(text: string): string {
  return text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;');
}

export function validCoupons(codes: string[]): string[] {
  return codes.filter((code) => COUPON_CODE.test(code));
}
