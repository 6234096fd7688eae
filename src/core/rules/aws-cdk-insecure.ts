// aws-cdk-insecure: AWS CDK resources made public, left unencrypted, given wildcard IAM rights or opened to the internet.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { findProperty, isBooleanLiteral, propertyName, staticString, unwrap } from '../ast';
import { constantNumber, optionProperty, resolveInit, resolveObject } from '../static-value';

const CDK_MENTION = /aws-cdk/;

/** `aws-cdk-lib/aws-s3.Bucket`, `@aws-cdk/aws-s3.Bucket`, `aws-cdk-lib.aws_s3.Bucket` -> `s3.Bucket`. */
const MODULE_PREFIX = /^(?:aws-cdk-lib\/aws-|@aws-cdk\/aws-|aws-cdk-lib\.aws_)([a-z0-9]+)\.(.+)$/;
/** Namespaces as CDK examples name them, accepted unimported when the file mentions aws-cdk. */
const BARE_NAMESPACES = /^(?:s3|ec2|iam|rds|efs|sqs|kinesis|opensearch|opensearchservice|elasticsearch|dynamodb)\./;

const SENSITIVE_PORTS: Record<number, string> = {
  20: 'FTP', 21: 'FTP', 22: 'SSH', 23: 'Telnet', 135: 'RPC', 139: 'NetBIOS', 445: 'SMB', 1433: 'SQL Server', 1521: 'Oracle',
  2049: 'NFS', 2375: 'Docker API', 2376: 'Docker API', 3306: 'MySQL', 3389: 'RDP', 5432: 'PostgreSQL', 5601: 'Kibana',
  5900: 'VNC', 5984: 'CouchDB', 6379: 'Redis', 9042: 'Cassandra', 9200: 'Elasticsearch', 9300: 'Elasticsearch',
  11211: 'Memcached', 27017: 'MongoDB',
};
/** `ec2.Port.SSH` and friends (newer CDK versions). */
const NAMED_PORTS: Record<string, number> = { SSH: 22, RDP: 3389, MYSQL_AURORA: 3306, POSTGRES: 5432, MSSQL: 1433 };
const WORLD_V4 = '0.0.0.0/0';
const WORLD_V6 = '::/0';

function cdkName(node: Node, context: RuleContext): string | undefined {
  const name = context.qualifiedName(node);
  if (name === undefined) return undefined;
  const match = MODULE_PREFIX.exec(name);
  if (match) return `${match[1] === 'opensearchservice' || match[1] === 'elasticsearch' ? 'opensearch' : match[1]}.${match[2]}`;
  if (BARE_NAMESPACES.test(name) && context.mentions(CDK_MENTION)) return name.replace(/^(?:opensearchservice|elasticsearch)\./, 'opensearch.');
  return undefined;
}

/** Reports an option, with an optional fix that rewrites one node. */
function reportProperty(property: TSESTree.Property, message: string, confidence: Confidence, context: RuleContext, fix?: { title: string; safety: 'safe' | 'review'; node: Node; text: string }): void {
  const fixes: Fix[] = fix ? [{ title: fix.title, safety: fix.safety, edits: [{ range: [fix.node.range[0], fix.node.range[1]], text: fix.text }] }] : [];
  context.report({ node: property, message, confidence, fixes });
}

/** `{ key: false }` / `{ key: true }` written as a literal (or a const). */
function booleanOption(props: Node | undefined, key: string, value: boolean, context: RuleContext): TSESTree.Property | undefined {
  const property = optionProperty(props, key, context);
  return property && isBooleanLiteral(resolveInit(property.value, context), value) ? property : undefined;
}

/** The enum member an option names: `s3.BucketEncryption.UNENCRYPTED` -> ['s3.BucketEncryption', 'UNENCRYPTED']. */
function enumOption(props: Node | undefined, key: string, context: RuleContext): { property: TSESTree.Property; type: string; member: string; node: TSESTree.MemberExpression } | undefined {
  const property = optionProperty(props, key, context);
  const value = property ? unwrap(property.value) : undefined;
  if (!property || value?.type !== 'MemberExpression') return undefined;
  const member = propertyName(value);
  const type = cdkName(value.object, context);
  return member !== undefined && type !== undefined ? { property, type, member, node: value } : undefined;
}

function checkBucket(props: Node | undefined, context: RuleContext): void {
  const object = resolveObject(props, context);
  if (!object) return;
  // A static website bucket is public on purpose.
  const website = ['websiteIndexDocument', 'websiteRedirect', 'websiteRoutingRules'].some((key) => findProperty(object, key));
  const publicRead = booleanOption(object, 'publicReadAccess', true, context);
  if (publicRead && !website) {
    const literal = unwrap(publicRead.value).type === 'Literal';
    reportProperty(publicRead, 'publicReadAccess: true lets anyone on the internet read every object in this bucket, so private uploads, backups or exports leak.', 'high', context, literal
      ? { title: 'Set publicReadAccess to false (review: objects are no longer readable without credentials; serve them through CloudFront or pre-signed URLs)', safety: 'review', node: unwrap(publicRead.value), text: 'false' }
      : undefined);
  }
  const acl = enumOption(object, 'accessControl', context);
  if (acl && acl.type === 's3.BucketAccessControl' && !website && /^(?:PUBLIC_READ|PUBLIC_READ_WRITE|AUTHENTICATED_READ)$/.test(acl.member)) {
    const who = acl.member === 'AUTHENTICATED_READ' ? 'any AWS account' : 'anyone on the internet';
    const what = acl.member === 'PUBLIC_READ_WRITE' ? 'read, overwrite and delete' : 'read';
    reportProperty(acl.property, `BucketAccessControl.${acl.member} lets ${who} ${what} the objects in this bucket.`, 'high', context);
  }
  const block = optionProperty(object, 'blockPublicAccess', context);
  const settings = block ? resolveInit(block.value, context) : undefined;
  if (block && !publicRead && !website && settings?.type === 'NewExpression' && cdkName(settings.callee, context) === 's3.BlockPublicAccess') {
    const options = settings.arguments[0];
    if (booleanOption(options, 'blockPublicPolicy', false, context) && booleanOption(options, 'restrictPublicBuckets', false, context)) {
      reportProperty(block, 'Turning off blockPublicPolicy and restrictPublicBuckets removes S3\'s guard against public bucket policies, so one permissive policy makes the whole bucket public.', 'medium', context);
    }
  }
  const encryption = enumOption(object, 'encryption', context);
  if (encryption && encryption.type === 's3.BucketEncryption' && encryption.member === 'UNENCRYPTED') {
    reportProperty(encryption.property, 'BucketEncryption.UNENCRYPTED asks S3 not to encrypt this bucket at rest; S3 now applies SSE-S3 anyway, but the setting is deprecated and leaves no key controlling who can decrypt.', 'low', context, {
      title: 'Use BucketEncryption.S3_MANAGED (safe: S3 already encrypts new objects with S3-managed keys; this states it explicitly)',
      safety: 'safe',
      node: encryption.node.property,
      text: 'S3_MANAGED',
    });
  }
}

function storageEncryption(props: Node | undefined, key: string, what: string, context: RuleContext, replacement: string): void {
  const property = booleanOption(props, key, false, context);
  if (!property) return;
  const literal = unwrap(property.value).type === 'Literal';
  reportProperty(property, `${key}: false stores this ${what} unencrypted at rest, so its data is readable from snapshots, backups and the underlying disks without any key.`, 'high', context, literal
    ? { title: `Set ${key} to true (review: ${replacement})`, safety: 'review', node: unwrap(property.value), text: 'true' }
    : undefined);
}

/** `s3:*`, `dynamodb:*`: every action of one service. */
const SERVICE_WILDCARD = /^[a-z0-9-]+:\*$/i;

/** Resources that include a bucket itself (not only its objects): `bucket.bucketArn`, `'arn:aws:s3:::name'`. */
function namesBucket(resources: Node | undefined, context: RuleContext): boolean {
  const list = resources ? resolveInit(resources, context) : undefined;
  if (list?.type !== 'ArrayExpression') return false;
  return list.elements.some((element) => {
    if (!element || element.type === 'SpreadElement') return false;
    const inner = unwrap(element);
    if (inner.type === 'MemberExpression' && propertyName(inner) === 'bucketArn') return true;
    const text = staticString(inner);
    return text !== undefined && /^arn:aws[\w-]*:s3:::[^/*]+$/.test(text);
  });
}

function checkPolicyStatement(node: TSESTree.NewExpression, context: RuleContext): void {
  const props = resolveObject(node.arguments[0], context);
  if (!props) return;
  const effect = optionProperty(props, 'effect', context);
  if (effect && /DENY$/.test(context.source(effect.value))) return;
  if (findProperty(props, 'conditions')) return;
  const actions = stringList(optionProperty(props, 'actions', context)?.value, context);
  const resources = stringList(optionProperty(props, 'resources', context)?.value, context);
  const allResources = resources?.includes('*') ?? false;
  if (actions && allResources) {
    const actionsProperty = optionProperty(props, 'actions', context) as TSESTree.Property;
    if (actions.includes('*')) {
      reportProperty(actionsProperty, "A policy statement allowing every action ('*') on every resource ('*') gives full administrator rights, so any compromise of this principal is a compromise of the whole account.", 'high', context);
      return;
    }
    const service = actions.find((action) => SERVICE_WILDCARD.test(action));
    if (service) {
      reportProperty(actionsProperty, `A policy statement allowing '${service}' on every resource ('*') grants every ${service.split(':')[0]} permission on every resource in the account, far more than one application needs.`, 'medium', context);
      return;
    }
  }
  // Scoped to a bucket, `s3:*` still includes s3:PutBucketPolicy and s3:DeletePublicAccessBlock: the principal can make the bucket public.
  const bucketWide = !allResources && actions?.some((action) => action === '*' || action.toLowerCase() === 's3:*') && namesBucket(optionProperty(props, 'resources', context)?.value, context);
  if (bucketWide) {
    reportProperty(optionProperty(props, 'actions', context) as TSESTree.Property, "A policy statement allowing every S3 action on a bucket includes s3:PutBucketPolicy and s3:DeletePublicAccessBlock, so whoever controls this principal can make the bucket public or delete it; list the object actions the code uses.", 'medium', context);
    return;
  }
  const principals = optionProperty(props, 'principals', context);
  const list = principals ? resolveInit(principals.value, context) : undefined;
  if (principals && list?.type === 'ArrayExpression' && list.elements.some((element) => element && element.type !== 'SpreadElement' && isAnyPrincipal(element, context))) {
    reportProperty(principals, 'This resource policy statement allows any principal (*), including anonymous users, with no conditions, so the resource is public.', 'medium', context);
  }
}

function isAnyPrincipal(node: Node, context: RuleContext): boolean {
  const inner = unwrap(node);
  if (inner.type !== 'NewExpression') return false;
  const name = cdkName(inner.callee, context);
  if (name === 'iam.AnyPrincipal' || name === 'iam.StarPrincipal') return true;
  return name === 'iam.ArnPrincipal' && staticString(inner.arguments[0]) === '*';
}

/** The strings of an array literal (or a const one); undefined when any element is not a constant string. */
function stringList(node: Node | undefined, context: RuleContext): string[] | undefined {
  const list = resolveInit(node, context);
  if (list?.type !== 'ArrayExpression') return undefined;
  const values: string[] = [];
  for (const element of list.elements) {
    const value = element && element.type !== 'SpreadElement' ? staticString(resolveInit(element, context)) : undefined;
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

/** Which sensitive service a port specification exposes: `Port.tcp(22)`, `Port.allTraffic()`, `Port.SSH`. */
function exposedService(node: Node | undefined, context: RuleContext): string | undefined {
  const port = resolveInit(node, context);
  if (!port) return undefined;
  if (port.type === 'MemberExpression') {
    const name = cdkName(port, context);
    const key = name?.startsWith('ec2.Port.') ? name.slice('ec2.Port.'.length) : undefined;
    const named = key !== undefined && Object.hasOwn(NAMED_PORTS, key) ? NAMED_PORTS[key] : undefined;
    return named !== undefined ? `${SENSITIVE_PORTS[named]} (port ${named})` : undefined;
  }
  if (port.type !== 'CallExpression') return undefined;
  const name = cdkName(port.callee, context);
  if (name === 'ec2.Port.allTraffic' || name === 'ec2.Port.allTcp') return 'every port';
  if (name === 'ec2.Port.tcp') {
    const number = constantNumber(port.arguments[0], context);
    return number !== undefined && Object.hasOwn(SENSITIVE_PORTS, number) ? `${SENSITIVE_PORTS[number]} (port ${number})` : undefined;
  }
  if (name === 'ec2.Port.tcpRange') {
    const from = constantNumber(port.arguments[0], context);
    const to = constantNumber(port.arguments[1], context);
    if (from === undefined || to === undefined) return undefined;
    const inside = Object.keys(SENSITIVE_PORTS).map(Number).filter((value) => value >= from && value <= to);
    return inside.length > 0 ? `ports ${from}-${to} (${[...new Set(inside.map((value) => SENSITIVE_PORTS[value]))].slice(0, 3).join(', ')})` : undefined;
  }
  return undefined;
}

function isWorld(node: Node | undefined, context: RuleContext): boolean {
  const peer = resolveInit(node, context);
  if (peer?.type !== 'CallExpression') return false;
  const name = cdkName(peer.callee, context);
  if (name === 'ec2.Peer.anyIpv4' || name === 'ec2.Peer.anyIpv6') return true;
  const cidr = staticString(resolveInit(peer.arguments[0], context));
  return (name === 'ec2.Peer.ipv4' && cidr === WORLD_V4) || (name === 'ec2.Peer.ipv6' && cidr === WORLD_V6);
}

function reportOpen(call: TSESTree.CallExpression, service: string, context: RuleContext): void {
  context.report({
    node: context.source(call).includes('\n') ? call.callee : call,
    message: `This rule opens ${service} to the whole internet, so anyone can reach it to brute-force credentials or exploit the service.`,
    confidence: 'high',
  });
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  const args = node.arguments;
  if (method === 'addIngressRule' || method === 'allowFrom' || method === 'allowDefaultPortFrom') {
    if (!isWorld(args[0], context)) return;
    const service = method === 'allowDefaultPortFrom' ? 'the default port of this database or cluster' : exposedService(args[1], context);
    if (service) reportOpen(node, service, context);
    return;
  }
  if (method === 'allowFromAnyIpv4' || method === 'allowFromAnyIpv6') {
    const service = exposedService(args[0], context);
    if (service) reportOpen(node, service, context);
    return;
  }
  if (method === 'allowDefaultPortFromAnyIpv4' || method === 'allowDefaultPortFromAnyIpv6') {
    if (context.mentions(CDK_MENTION)) reportOpen(node, 'the default port of this database or cluster', context);
    return;
  }
  const name = cdkName(node.callee, context);
  if (name === 'ec2.BlockDeviceVolume.ebs' || name === 'ec2.BlockDeviceVolume.ebsFromSnapshot') {
    storageEncryption(args[1], 'encrypted', 'EBS volume', context, 'changing it replaces the instance\'s volume');
    return;
  }
  if (name === 'iam.ManagedPolicy.fromAwsManagedPolicyName' && staticString(resolveInit(args[0], context)) === 'AdministratorAccess') {
    context.report({
      node,
      message: 'Attaching AdministratorAccess gives this role every permission in the account, so anything that runs with it (a function, an instance) can take over the whole account if compromised.',
      confidence: 'medium',
    });
  }
}

function checkNew(node: TSESTree.NewExpression, context: RuleContext): void {
  const name = cdkName(node.callee, context);
  if (name === undefined) return;
  const props = node.arguments[2];
  switch (name) {
    case 's3.Bucket':
      checkBucket(props, context);
      return;
    case 'rds.DatabaseInstance':
    case 'rds.DatabaseInstanceFromSnapshot':
    case 'rds.DatabaseCluster':
    case 'rds.DatabaseClusterFromSnapshot':
    case 'rds.ServerlessCluster':
      storageEncryption(props, 'storageEncrypted', 'database', context, 'CloudFormation replaces an existing database, so migrate its data first');
      {
        const exposed = booleanOption(props, 'publiclyAccessible', true, context);
        if (exposed) {
          reportProperty(exposed, 'publiclyAccessible: true gives this database a public address, so its port can be reached from the internet whenever a security group allows it.', 'medium', context);
        }
      }
      return;
    case 'efs.FileSystem':
      storageEncryption(props, 'encrypted', 'file system', context, 'CloudFormation replaces an existing file system, so copy its data first');
      return;
    case 'ec2.Volume':
      storageEncryption(props, 'encrypted', 'EBS volume', context, 'CloudFormation replaces an existing volume, so copy its data first');
      return;
    case 'sqs.Queue': {
      const encryption = enumOption(props, 'encryption', context);
      if (encryption?.type === 'sqs.QueueEncryption' && encryption.member === 'UNENCRYPTED') {
        reportProperty(encryption.property, 'QueueEncryption.UNENCRYPTED turns off server-side encryption, so messages are stored in clear text.', 'medium', context, {
          title: 'Use QueueEncryption.SQS_MANAGED (safe: SQS-managed encryption is transparent to producers and consumers)',
          safety: 'safe',
          node: encryption.node.property,
          text: 'SQS_MANAGED',
        });
      }
      return;
    }
    case 'kinesis.Stream': {
      const encryption = enumOption(props, 'encryption', context);
      if (encryption?.type === 'kinesis.StreamEncryption' && encryption.member === 'UNENCRYPTED') {
        reportProperty(encryption.property, 'StreamEncryption.UNENCRYPTED stores the stream\'s records in clear text at rest.', 'medium', context, {
          title: 'Use StreamEncryption.MANAGED (review: consumers in other accounts cannot use the AWS-managed key)',
          safety: 'review',
          node: encryption.node.property,
          text: 'MANAGED',
        });
      }
      return;
    }
    case 'opensearch.Domain': {
      const atRest = optionProperty(props, 'encryptionAtRest', context);
      if (atRest && booleanOption(atRest.value, 'enabled', false, context)) {
        reportProperty(atRest, 'encryptionAtRest with enabled: false stores the search indexes unencrypted on disk.', 'medium', context);
      }
      const nodeToNode = booleanOption(props, 'nodeToNodeEncryption', false, context);
      if (nodeToNode) reportProperty(nodeToNode, 'nodeToNodeEncryption: false sends data between the domain\'s nodes in clear text.', 'medium', context);
      return;
    }
    case 'iam.PolicyStatement':
      checkPolicyStatement(node, context);
      return;
    default:
      return;
  }
}

/** L1 ingress rules: `{ cidrIp: '0.0.0.0/0', ipProtocol: 'tcp', fromPort: 22, toPort: 22 }`. */
function checkObject(node: TSESTree.ObjectExpression, context: RuleContext): void {
  const cidr = findProperty(node, 'cidrIp') ?? findProperty(node, 'cidrIpv6');
  if (!cidr || !context.mentions(CDK_MENTION)) return;
  const range = staticString(cidr.value);
  if (range !== WORLD_V4 && range !== WORLD_V6) return;
  const protocol = staticString(findProperty(node, 'ipProtocol')?.value);
  let service: string | undefined;
  if (protocol === '-1' || protocol === 'all') service = 'every port';
  else {
    const from = constantNumber(findProperty(node, 'fromPort')?.value, context);
    const to = constantNumber(findProperty(node, 'toPort')?.value, context) ?? from;
    if (from === undefined || to === undefined) return;
    const inside = Object.keys(SENSITIVE_PORTS).map(Number).filter((value) => value >= from && value <= to);
    if (inside.length === 0) return;
    service = from === to ? `${SENSITIVE_PORTS[from]} (port ${from})` : `ports ${from}-${to}`;
  }
  context.report({
    node: cidr,
    message: `This ingress rule opens ${service} to the whole internet, so anyone can reach it to brute-force credentials or exploit the service.`,
    confidence: 'high',
  });
}

export const awsCdkInsecure: Rule = {
  meta: {
    id: 'aws-cdk-insecure',
    category: 'cloud-config',
    title: 'Insecure AWS CDK resource settings',
    description: 'Public S3 buckets, unencrypted databases, volumes and queues, wildcard IAM statements and security groups that open SSH, RDP or databases to the internet.',
    severity: 'error',
    cwe: [284, 311],
    fixable: true,
  },
  visitors: {
    NewExpression: checkNew,
    CallExpression: checkCall,
    ObjectExpression: checkObject,
  },
};
