import { Stack, StackProps, RemovalPolicy, Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export class StorageStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const uploads = new s3.Bucket(this, 'Uploads', {
      publicReadAccess: true, // expect: aws-cdk-insecure
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS,
      removalPolicy: RemovalPolicy.DESTROY, // safe
    });

    const reports = new s3.Bucket(this, 'Reports', {
      encryption: s3.BucketEncryption.UNENCRYPTED, // expect: aws-cdk-insecure
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, // safe
    });

    const archive = new s3.Bucket(this, 'Archive', {
      encryption: s3.BucketEncryption.S3_MANAGED, // safe
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true, // safe
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });

    const worker = new iam.Role(this, 'WorkerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    worker.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })); // expect: aws-cdk-insecure
    worker.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [archive.arnForObjects('*')] })); // safe
    worker.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [reports.bucketArn, reports.arnForObjects('*')] })); // expect: aws-cdk-insecure
    uploads.grantRead(worker); // safe

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const dbSg = new ec2.SecurityGroup(this, 'DbSg', { vpc, allowAllOutbound: true });
    dbSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(5432), 'postgres from anywhere'); // expect: aws-cdk-insecure
    dbSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(5432), 'postgres from the VPC'); // safe

    const albSg = new ec2.SecurityGroup(this, 'AlbSg', { vpc });
    albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'public HTTPS'); // safe

    const bastionSg = new ec2.SecurityGroup(this, 'BastionSg', { vpc });
    bastionSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh'); // expect: aws-cdk-insecure

    new rds.DatabaseInstance(this, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      securityGroups: [dbSg],
      publiclyAccessible: true, // expect: aws-cdk-insecure
      storageEncrypted: false, // expect: aws-cdk-insecure
    });

    new sqs.Queue(this, 'Jobs', {
      encryption: sqs.QueueEncryption.SQS_MANAGED, // safe
      visibilityTimeout: Duration.seconds(60),
    });
  }
}
