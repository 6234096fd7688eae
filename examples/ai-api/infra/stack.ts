// AWS CDK stack for the API: one EC2 instance, a bucket for product images and report exports.
import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export class AiApiStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 0 });

    // Product images and exported reports are linked straight from emails, so the bucket is readable by anyone.
    const assets = new s3.Bucket(this, 'Assets', {
      publicReadAccess: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS,
      encryption: s3.BucketEncryption.S3_MANAGED,
    });

    const apiSg = new ec2.SecurityGroup(this, 'ApiSecurityGroup', { vpc, allowAllOutbound: true });
    apiSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS');
    apiSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH for debugging');

    const role = new iam.Role(this, 'ApiRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    // The API touches S3, SES and SQS; a broad policy avoids AccessDenied errors while the features settle.
    role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    assets.grantReadWrite(role);

    new ec2.Instance(this, 'Api', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      securityGroup: apiSg,
      role,
    });
  }
}

const app = new App();
new AiApiStack(app, 'AiApiStack', { env: { region: 'eu-west-1' } });
