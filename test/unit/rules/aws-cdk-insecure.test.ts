import { awsCdkInsecure } from '../../../src/core/rules/aws-cdk-insecure';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const stack = (...body: string[]): string => lines(
  "import { Stack, StackProps } from 'aws-cdk-lib';",
  "import * as s3 from 'aws-cdk-lib/aws-s3';",
  "import * as ec2 from 'aws-cdk-lib/aws-ec2';",
  "import * as iam from 'aws-cdk-lib/aws-iam';",
  "import * as rds from 'aws-cdk-lib/aws-rds';",
  "import { Construct } from 'constructs';",
  '',
  'export class AppStack extends Stack {',
  '  constructor(scope: Construct, id: string, props?: StackProps) {',
  '    super(scope, id, props);',
  ...body.map((line) => `    ${line}`),
  '  }',
  '}',
);
const OPEN = /^This rule opens (.+) to the whole internet/;

const publicBucket = stack("const uploads = new s3.Bucket(this, 'Uploads', { publicReadAccess: true, versioned: true });");
const unencryptedDb = stack(
  "const vpc = new ec2.Vpc(this, 'Vpc');",
  "const db = new rds.DatabaseInstance(this, 'Db', {",
  '  engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),',
  '  vpc,',
  '  storageEncrypted: false,',
  '});',
);
const v1Bucket = lines(
  "import * as cdk from '@aws-cdk/core';",
  "import * as s3 from '@aws-cdk/aws-s3';",
  'export class LogsStack extends cdk.Stack {',
  '  constructor(scope: cdk.App, id: string) {',
  '    super(scope, id);',
  "    new s3.Bucket(this, 'Logs', { encryption: s3.BucketEncryption.UNENCRYPTED });",
  '  }',
  '}',
);
const queue = lines(
  "import { aws_sqs as sqs, Duration } from 'aws-cdk-lib';",
  "export const makeQueue = (scope: any) => new sqs.Queue(scope, 'Jobs', { visibilityTimeout: Duration.seconds(30), encryption: sqs.QueueEncryption.UNENCRYPTED });",
);

testRule(awsCdkInsecure, {
  valid: [
    // s3:* on objects only, or a named bucket's objects: bucket policies are out of reach.
    stack(
      "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [bucket.arnForObjects('*')] }));",
      "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::reports/*'] }));",
    ),
    // Private, encrypted, SSL-only bucket.
    stack("new s3.Bucket(this, 'Data', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true });"),
    // A static website bucket is public on purpose.
    stack("new s3.Bucket(this, 'Site', { websiteIndexDocument: 'index.html', publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS });"),
    // HTTP/HTTPS to the world, SSH from the VPC only.
    stack(
      "const sg = new ec2.SecurityGroup(this, 'WebSg', { vpc, allowAllOutbound: true });",
      "sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS');",
      "sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP');",
      "sg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(22), 'SSH from the VPC');",
    ),
    // Least-privilege statements; a wildcard action on a single resource; a deny-all guard.
    stack(
      "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [bucket.arnForObjects('*')] }));",
      "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [table.tableArn] }));",
      "role.addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] }));",
    ),
    // Encrypted database, not public.
    stack("new rds.DatabaseInstance(this, 'Db', { engine, vpc, storageEncrypted: true, publiclyAccessible: false });"),
    // A public principal restricted by a condition (CloudFront OAC pattern).
    stack("bucket.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')], resources: [bucket.arnForObjects('*')] }));"),
    // Not CDK: a plain object with the same property names.
    "const config = { publicReadAccess: true, storageEncrypted: false };\nconsole.log(new Bucket(config));",
    // Partial block public access settings that keep the policy guards.
    stack("new s3.Bucket(this, 'Logs', { blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: true }) });"),
    // L1 ingress for HTTPS only.
    stack("new ec2.CfnSecurityGroupIngress(this, 'Https', { groupId: sg.securityGroupId, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '0.0.0.0/0' });"),
  ],
  invalid: [
    {
      // s3:* on the bucket itself includes rewriting its policy.
      code: stack(
        "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [reports.bucketArn, reports.arnForObjects('*')] }));",
        "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['arn:aws:s3:::reports'] }));",
      ),
      errors: [
        { line: 11, column: 50, confidence: 'medium', message: /^A policy statement allowing every S3 action on a bucket includes s3:PutBucketPolicy/ },
        { line: 12, column: 50, confidence: 'medium' },
      ],
    },
    {
      code: publicBucket,
      errors: [{
        line: 11, column: 54, endColumn: 76, confidence: 'high', message: /^publicReadAccess: true lets anyone on the internet read every object/,
        fixes: [{ safety: 'review', title: /^Set publicReadAccess to false \(review: /, output: publicBucket.replace('publicReadAccess: true', 'publicReadAccess: false') }],
      }],
    },
    {
      code: unencryptedDb,
      errors: [{
        line: 15, column: 7, endColumn: 30, confidence: 'high', message: /^storageEncrypted: false stores this database unencrypted at rest/,
        fixes: [{ safety: 'review', title: /^Set storageEncrypted to true \(review: CloudFormation replaces an existing database/, output: unencryptedDb.replace('storageEncrypted: false', 'storageEncrypted: true') }],
      }],
    },
    {
      code: stack(
        "const sg = new ec2.SecurityGroup(this, 'BastionSg', { vpc });",
        "sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH access');",
        "sg.addIngressRule(ec2.Peer.ipv4('0.0.0.0/0'), ec2.Port.tcp(3389));",
        'sg.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.allTraffic());',
      ),
      errors: [
        { line: 12, column: 5, endColumn: 74, confidence: 'high', message: /opens SSH \(port 22\) to the whole internet/ },
        { line: 13, column: 5, endColumn: 70, confidence: 'high', message: /opens RDP \(port 3389\)/ },
        { line: 14, column: 5, endColumn: 65, confidence: 'high', message: OPEN },
      ],
    },
    {
      code: stack(
        "const fn = new lambda.Function(this, 'Handler', { runtime, handler: 'index.handler', code });",
        "fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.ALLOW, actions: ['*'], resources: ['*'] }));",
        "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));",
      ),
      errors: [
        { line: 12, column: 76, endColumn: 90, confidence: 'high', message: /^A policy statement allowing every action \('\*'\) on every resource/ },
        { line: 13, column: 50, endColumn: 67, confidence: 'medium', message: /allowing 's3:\*' on every resource/ },
      ],
    },
    {
      code: v1Bucket,
      errors: [{
        line: 6, column: 35, endColumn: 78, confidence: 'low', message: /^BucketEncryption\.UNENCRYPTED asks S3 not to encrypt/,
        fixes: [{ safety: 'safe', title: /^Use BucketEncryption\.S3_MANAGED \(safe: /, output: v1Bucket.replace('UNENCRYPTED', 'S3_MANAGED') }],
      }],
    },
    {
      code: queue,
      errors: [{
        line: 2, column: 114, endColumn: 157, confidence: 'medium', message: /^QueueEncryption\.UNENCRYPTED turns off server-side encryption/,
        fixes: [{ safety: 'safe', output: queue.replace('UNENCRYPTED', 'SQS_MANAGED') }],
      }],
    },
    {
      code: stack(
        "const cluster = new rds.DatabaseCluster(this, 'Aurora', { engine, vpc, publiclyAccessible: true });",
        'cluster.connections.allowDefaultPortFromAnyIpv4();',
      ),
      errors: [
        { line: 11, column: 76, endColumn: 100, confidence: 'medium', message: /^publiclyAccessible: true gives this database a public address/ },
        { line: 12, column: 5, endColumn: 54, confidence: 'high', message: /opens the default port of this database or cluster/ },
      ],
    },
    {
      code: stack(
        "new s3.Bucket(this, 'Shared', { accessControl: s3.BucketAccessControl.PUBLIC_READ_WRITE });",
        "role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));",
      ),
      errors: [
        { line: 11, column: 37, endColumn: 92, confidence: 'high', message: /^BucketAccessControl\.PUBLIC_READ_WRITE lets anyone on the internet read, overwrite and delete/ },
        { line: 12, column: 27, endColumn: 92, confidence: 'medium', message: /^Attaching AdministratorAccess/ },
      ],
    },
    {
      code: stack("new ec2.CfnSecurityGroupIngress(this, 'Mongo', { groupId: sg.securityGroupId, ipProtocol: 'tcp', fromPort: 27017, toPort: 27017, cidrIp: '0.0.0.0/0' });"),
      errors: [{ line: 11, column: 134, endColumn: 153, confidence: 'high', message: /^This ingress rule opens MongoDB \(port 27017\) to the whole internet/ }],
    },
  ],
});
