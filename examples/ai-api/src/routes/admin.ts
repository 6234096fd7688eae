import { NextFunction, Request, Response, Router } from 'express';
import Handlebars from 'handlebars';
import util from 'util';

export const adminRouter = Router();

// Back-office calls send the admin token in a header.
export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  if (req.headers['x-admin-token'] !== process.env.ADMIN_TOKEN) return res.status(401).json({ error: 'Unauthorized' });
  next();
}

adminRouter.use(requireAdmin);

type Settings = Record<string, any>;

const settings: Settings = {
  shop: { name: 'Acme Shop', currency: 'EUR', locale: 'en-GB' },
  checkout: { guestCheckout: true, minimumOrder: 10 },
  notifications: { orderShipped: true, lowStockThreshold: 5 },
};

function deepMerge(target: Settings, source: Settings): Settings {
  for (const key of Object.keys(source)) {
    if (source[key] && typeof source[key] === 'object' && !Array.isArray(source[key])) {
      target[key] = deepMerge(target[key] || {}, source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

adminRouter.get('/settings', (_req, res) => res.json(settings));

// The settings page sends only the sections that changed, e.g. { "checkout": { "minimumOrder": 15 } }.
adminRouter.patch('/settings', (req, res) => {
  deepMerge(settings, req.body);
  res.json(settings);
});

const SAMPLE_ORDER = { customer: { name: 'Ada Lovelace' }, order: { id: 1042, total: '€99.00', items: 3 } };

// Live preview in the email template editor.
adminRouter.post('/email-templates/preview', (req, res) => {
  const render = Handlebars.compile(req.body.template);
  res.json({ html: render(SAMPLE_ORDER) });
});

// Preview of a shipping SMS written like "Hi %s, order #%d is on its way".
adminRouter.post('/sms/preview', (req, res) => {
  const text = util.format(req.body.message, SAMPLE_ORDER.customer.name, SAMPLE_ORDER.order.id);
  res.json({ text, length: text.length });
});
