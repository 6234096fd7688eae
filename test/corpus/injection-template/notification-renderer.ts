import Mustache from 'mustache';
import { compile } from 'handlebars';
import type { Request, Response } from 'express';

const ORDER_SHIPPED = 'Hi {{name}}, your order {{orderId}} has shipped.';

export function renderShipped(name: string, orderId: string): string {
  return Mustache.render(ORDER_SHIPPED, { name, orderId }); // safe
}

export function renderCustom(req: Request, res: Response) {
  const body = Mustache.render(req.body.template, { name: req.body.name }); // expect: template-injection
  res.json({ body });
}

const footer = compile('<footer>{{company}} - {{year}}</footer>'); // safe

export function renderFooter(company: string) {
  return footer({ company, year: new Date().getFullYear() });
}
