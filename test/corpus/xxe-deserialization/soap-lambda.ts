import type { APIGatewayProxyEvent } from 'aws-lambda';
import libxmljs from 'libxmljs2';
import { unserialize } from 'node-serialize';

export const handler = async (event: APIGatewayProxyEvent) => {
  const doc = libxmljs.parseXml(event.body ?? '', { noent: true, nonet: false }); // expect: xxe
  const orderId = doc.get('//OrderId')?.text();
  return { statusCode: 200, body: JSON.stringify({ orderId }) };
};

export const restoreCart = async (event: APIGatewayProxyEvent) => {
  const cart = unserialize(event.headers['x-cart-state'] ?? '{}'); // expect: unsafe-deserialization
  return { statusCode: 200, body: JSON.stringify({ items: cart.items?.length ?? 0 }) };
};

export const restoreCartSafe = async (event: APIGatewayProxyEvent) => {
  const cart = JSON.parse(event.headers['x-cart-state'] ?? '{}'); // safe
  return { statusCode: 200, body: JSON.stringify({ items: cart.items?.length ?? 0 }) };
};
