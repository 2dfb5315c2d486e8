/**
 * Written after medplum/medplum (packages/cdk/src/storage.ts, the Storage construct of Medplum's CDK app): the binary
 * storage bucket behind a CloudFront distribution that serves presigned URLs, with the signing public key given as
 * PEM text in the config (config.storagePublicKey) and put in an AWS::CloudFront::PublicKey, a key group, a response
 * headers policy (CORS, CSP, HSTS) and an origin access identity. The WAF, ClamAV scanning, GuardDuty and DNS are left
 * out; the bucket name, domains and certificate ARN are ours, and the PEM is a freshly generated public key of the
 * same shape as the one a Medplum operator pastes into the config.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const storagePublicKey = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApd4DtuEADrODTfJ+yygr\nCH5mbMmYVCQ3m/BT57l+seYU38LW5RDNvBcyxigxbXpiqnyHkjY7Wkl3/HXNzQ3n\nOovyfb+8cfrtWR9rBoQlFyKR+SpLuETanwWQTYBjOL86d9qzKvO41LCsGvd/9gw2\nDvQpWC59CC+dJm9vj8nnFx2GkB8SVHSA2n8VvbJJSi3f02P3mDhl+Y0mtPQ8EXFi\nPGAYjU8I0utYoriPc+S3Oum5vNi4ZbcyypUutlgOrpO/HGM3dK7IwSDgpUX0idVV\nGjHyTKi4M0tNpcsGoBQrHJX7FbUi35ah15sFi9oy8Y+EREXj4qLHxUfiI7K4EKEA\nWwIDAQAB\n-----END PUBLIC KEY-----\n';

class Storage extends Construct {
  constructor(parent: Construct) {
    super(parent, 'Storage');
    const storageBucket = new s3.Bucket(this, 'StorageBucket', {
      bucketName: 'medplum-example-storage',
      publicReadAccess: false,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
    });
    const publicKey = new cloudfront.PublicKey(this, 'StoragePublicKey', { encodedKey: storagePublicKey });
    const keyGroup = new cloudfront.KeyGroup(this, 'StorageKeyGroup', { items: [publicKey] });
    const responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'ResponseHeadersPolicy', {
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()', override: true }],
      },
      corsBehavior: {
        accessControlAllowCredentials: false,
        accessControlAllowOrigins: ['https://app.medplum.example.com', 'https://ccda.medplum.com'],
        accessControlAllowHeaders: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD', 'OPTIONS'],
        accessControlMaxAge: Duration.seconds(600),
        originOverride: false,
      },
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: "default-src 'none'; connect-src https://ccda.medplum.com; base-uri 'none'; form-action 'none'; frame-ancestors *;", override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(63072000), includeSubdomains: true, preload: true, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });
    const originAccessIdentity = new cloudfront.OriginAccessIdentity(this, 'OriginAccessIdentity', {});
    storageBucket.grantRead(originAccessIdentity);
    new cloudfront.Distribution(this, 'StorageDistribution', {
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessIdentity(storageBucket, { originAccessIdentity }),
        responseHeadersPolicy,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        trustedKeyGroups: [keyGroup],
      },
      certificate: acm.Certificate.fromCertificateArn(this, 'StorageCertificate', 'arn:aws:acm:us-east-1:111122223333:certificate/0d6c2a1e-5b7f-4c3e-9a8d-2f1e0b9c8a7d'),
      domainNames: ['storage.medplum.example.com'],
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'MedplumStorageStack', { env: { account: '111122223333', region: 'us-east-1' } });
  new Storage(stack);
  return templateOf(app, stack);
}
