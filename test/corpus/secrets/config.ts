// Central configuration for the billing service.
import Stripe from 'stripe';
import { Octokit } from '@octokit/rest';
import { S3Client } from '@aws-sdk/client-s3';
import sgMail from '@sendgrid/mail';
import OpenAI from 'openai';

export const config = {
  port: Number(process.env.PORT ?? 8080),
  databaseUrl: 'postgres://shop:b7DJW5askrbf0Q@db.prod.acme-internal.net:5432/shop', // expect: hardcoded-secret
  localDatabaseUrl: 'postgres://postgres:postgres@localhost:5432/shop', // safe
  redisUrl: process.env.REDIS_URL ?? 'redis://localhost:6379', // safe
  stripePublishableKey: 'pk_live_51Nq8sLKd93jfQ0aZxP2mT7vYb4Hc6WeR', // safe
  tokenType: 'Bearer', // safe
  secretName: 'prod/billing/db', // safe
  passwordLabel: 'Password', // safe
  sentryDsn: process.env.SENTRY_DSN, // safe
};

export const stripe = new Stripe('sk_live_Vu2bMugUliLgWd0HVbwxCukf', { apiVersion: '2024-06-20' }); // expect: hardcoded-secret
export const stripeFromEnv = new Stripe(process.env.STRIPE_SECRET_KEY as string, { apiVersion: '2024-06-20' }); // safe

export const octokit = new Octokit({ auth: 'ghp_XKQ8GR08KM73aWP2hkgqNY1K9GyuI6jef8Fh' }); // expect: hardcoded-secret

export const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: {
    accessKeyId: 'AKIAYI5NT9YQ150RNEBK', // expect: hardcoded-secret
    secretAccessKey: 'zyZLqSOlwPr5FU8WxW0P7NHFoUThA+S3+BpQXpu8', // expect: hardcoded-secret
  },
});

sgMail.setApiKey('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'); // expect: hardcoded-secret

export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? 'sk-...' }); // safe

export const SLACK_WEBHOOK_URL = 'https://hooks.slack.com/services/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'; // expect: hardcoded-secret

export const docsExampleKey = 'AKIAIOSFODNN7EXAMPLE'; // safe

export const MAPS_API_KEY = 'AIzaccXRBT-n8uzmgQUN-Ehcu3btgM-TsAJBC-w'; // expect: hardcoded-secret

export const INTERNAL_API_KEY = '1de3dd29029b85c7d678fa97b4768faafb25ed6b'; // expect: hardcoded-secret

export const apiKeyPlaceholder = 'your-api-key-here'; // safe
export const ENV_KEY_NAME = 'OPENAI_API_KEY'; // safe
