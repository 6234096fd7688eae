// What names say about data: field names that hold personal, health or payment data, and the npm SDKs of payment,
// health, identity and key-management services. Field names are compared lower-cased without _ - and $.
import type { DataKind } from './model';

const FIELDS: Record<Exclude<DataKind, 'trade-secrets' | 'customer-data'>, string[]> = {
  'personal-data': [
    'email', 'emailaddress', 'phone', 'phonenumber', 'mobilenumber', 'firstname', 'lastname', 'fullname', 'surname',
    'dateofbirth', 'dob', 'birthdate', 'birthday', 'ssn', 'socialsecuritynumber', 'nationalid', 'nationalidnumber',
    'passportnumber', 'driverslicense', 'driverlicense', 'driverslicensenumber', 'taxid', 'taxpayerid', 'homeaddress',
    'streetaddress', 'postalcode', 'zipcode', 'gender', 'ethnicity', 'maritalstatus',
  ],
  health: [
    'diagnosis', 'diagnoses', 'medicalrecord', 'medicalrecordnumber', 'mrn', 'patientid', 'patientname', 'prescription',
    'prescriptions', 'medication', 'medications', 'allergies', 'bloodtype', 'icd10', 'icdcode', 'healthrecord',
    'insurancememberid', 'labresult', 'labresults', 'symptoms', 'treatmentplan', 'healthcondition', 'vaccination',
  ],
  'payment-card': [
    'cardnumber', 'creditcard', 'creditcardnumber', 'ccnumber', 'cardholder', 'cardholdername', 'cvv', 'cvc', 'cvv2',
    'cardexpiry', 'expirymonth', 'expiryyear', 'expmonth', 'expyear', 'iban', 'bankaccountnumber', 'routingnumber',
    'sortcode',
  ],
  credentials: ['password', 'passwordhash', 'hashedpassword', 'otpsecret', 'totpsecret', 'mfasecret', 'recoverycodes'],
};

export const FIELD_VOCABULARY: ReadonlyMap<string, DataKind> = new Map(
  Object.entries(FIELDS).flatMap(([kind, names]) => names.map((name) => [name, kind as DataKind] as const)),
);

export interface SdkSignal {
  service: string;
  dataKind: DataKind;
  matches: (packageName: string) => boolean;
}

function sdk(service: string, dataKind: DataKind, names: (string | RegExp)[]): SdkSignal {
  return {
    service,
    dataKind,
    matches: (packageName) => names.some((name) => (typeof name === 'string' ? name === packageName : name.test(packageName))),
  };
}

export const SDK_SIGNALS: readonly SdkSignal[] = [
  sdk('payments', 'payment-card', [
    'stripe', /^@stripe\//, 'braintree', /^@braintree\//, /^@paypal\//, 'paypal-rest-sdk', /^@adyen\//, 'square',
    'razorpay', '@mollie/api-client', /^@checkout\.com\//, 'authorizenet', /^@recurly\//, 'chargebee', 'plaid',
    '@paddle/paddle-node-sdk', 'gocardless-nodejs',
  ]),
  sdk('health records', 'health', [
    'fhir-kit-client', 'fhirclient', /^@medplum\//, 'node-hl7-client', 'hl7-standard', 'simple-hl7', 'hl7v2',
    '@aws-sdk/client-healthlake', /^@azure\/health-/, '@smile-cdr/fhirts', '@types/fhir',
  ]),
  sdk('identity', 'personal-data', [
    'auth0', /^@auth0\//, /^@okta\//, /^@clerk\//, 'next-auth', /^@auth\//, 'amazon-cognito-identity-js',
    '@aws-sdk/client-cognito-identity-provider', '@azure/msal-node', '@azure/msal-browser', 'keycloak-connect',
    'keycloak-js', /^@onfido\//, 'firebase-admin', '@supabase/auth-js', '@workos-inc/node', /^@stytch\//, 'stytch',
  ]),
  sdk('key management', 'credentials', [
    '@aws-sdk/client-kms', '@aws-sdk/client-secrets-manager', '@google-cloud/kms', '@google-cloud/secret-manager',
    '@azure/keyvault-keys', '@azure/keyvault-secrets', 'node-vault', '@1password/sdk', '@infisical/sdk', '@doppler/node-sdk',
  ]),
];
