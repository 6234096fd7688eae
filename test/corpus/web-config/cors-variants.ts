import express from 'express';
import cors from 'cors';
import helmet from 'helmet';

export const publicApi = express();
publicApi.use(cors()); // safe
publicApi.use(helmet()); // safe

export const partnerApi = express();
partnerApi.use(cors({ origin: ['https://app.acme.io', 'https://admin.acme.io'], credentials: true })); // safe
partnerApi.use(helmet({ crossOriginEmbedderPolicy: false })); // safe

export const widgetApi = express();
widgetApi.use(cors({ origin: (origin, callback) => callback(null, true), credentials: true })); // expect: cors-misconfiguration
widgetApi.use(helmet({ frameguard: false, hsts: false })); // expect: security-headers-disabled

export const tenantApi = express();
tenantApi.use(cors({ origin: /acme\.io$/, credentials: true })); // expect: cors-misconfiguration
tenantApi.use(cors({ origin: /^https:\/\/[a-z0-9-]+\.acme\.io$/, credentials: true })); // safe

export const cspApi = express();
cspApi.use(
  helmet({
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:', 'https://images.acme-cdn.com'] }, // safe
    },
  }),
);
