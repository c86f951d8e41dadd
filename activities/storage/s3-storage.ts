import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable, Transform } from 'node:stream';
import {
  MAX_KEYS_PER_PAGE,
  StorageError,
  type ByteRange,
  type ListOptions,
  type ObjectPage,
  type ObjectStorage,
} from './object-storage';
import { toStorageError } from './s3-errors';

/** Parts of a streamed upload: S3's minimum is 5 MiB; two in flight bound memory to ~16 MiB per upload. */
const UPLOAD_PART_SIZE = 8 * 1024 * 1024;
const UPLOAD_QUEUE_SIZE = 2;

export interface S3StorageConfig {
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
  /** Default: the SDK's credential chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, ...). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** S3 or any S3-compatible service (MinIO, versitygw, ...), through the AWS SDK. */
export class S3Storage implements ObjectStorage {
  readonly kind = 's3' as const;
  readonly client: S3Client;

  constructor(config: S3StorageConfig = {}) {
    const clientConfig: S3ClientConfig = {
      region: config.region ?? 'us-east-1',
      forcePathStyle: config.forcePathStyle ?? config.endpoint !== undefined,
      // Newer SDKs add CRC checksums to every request; S3-compatible servers do not all accept them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    if (config.endpoint) clientConfig.endpoint = config.endpoint;
    if (config.credentials) clientConfig.credentials = config.credentials;
    this.client = new S3Client(clientConfig);
  }

  async getObject(bucket: string, key: string, range?: ByteRange): Promise<Readable> {
    if (range && (range.start < 0 || range.end < range.start)) {
      throw new StorageError('InvalidRange', `Invalid range ${range.start}-${range.end} of ${key}`, bucket, key);
    }
    try {
      // HTTP cannot ask for zero bytes; still fail as a real read would if the object is missing.
      if (range && range.end === range.start) {
        await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return Readable.from([]);
      }
      const response = await this.client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end - 1}` } : {}),
        }),
      );
      return response.Body as Readable;
    } catch (err) {
      throw toStorageError(err, bucket, key);
    }
  }

  async listObjects(
    bucket: string,
    prefix: string | undefined,
    continuationToken?: string,
    options: ListOptions = {},
  ): Promise<ObjectPage> {
    try {
      const response = await this.client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          ...(prefix ? { Prefix: prefix } : {}),
          ...(continuationToken ? { ContinuationToken: continuationToken } : {}),
          ...(options.startAfter !== undefined ? { StartAfter: options.startAfter } : {}),
          MaxKeys: Math.min(options.maxKeys ?? MAX_KEYS_PER_PAGE, MAX_KEYS_PER_PAGE),
        }),
      );
      const objects = (response.Contents ?? []).map((o) => ({
        key: o.Key ?? '',
        size: o.Size ?? 0,
        etag: o.ETag ?? '',
        lastModified: o.LastModified ?? new Date(0),
        storageClass: o.StorageClass ?? 'STANDARD',
      }));
      const next = response.IsTruncated ? response.NextContinuationToken : undefined;
      return next ? { objects, nextContinuationToken: next } : { objects };
    } catch (err) {
      throw toStorageError(err, bucket);
    }
  }

  async putObject(bucket: string, key: string, body: string | Buffer): Promise<{ etag: string }> {
    try {
      const response = await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
      return { etag: response.ETag ?? '' };
    } catch (err) {
      throw toStorageError(err, bucket, key);
    }
  }

  async putObjectStream(bucket: string, key: string, body: Readable): Promise<{ etag: string; size: number }> {
    let size = 0;
    const counted = body.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          done(null, chunk);
        },
      }),
    );
    body.once('error', (err) => counted.destroy(err));
    try {
      const upload = new Upload({
        client: this.client,
        params: { Bucket: bucket, Key: key, Body: counted },
        partSize: UPLOAD_PART_SIZE,
        queueSize: UPLOAD_QUEUE_SIZE,
        // A failed multipart upload is aborted rather than left behind as invisible, billed parts.
        leavePartsOnError: false,
      });
      const result = await upload.done();
      return { etag: result.ETag ?? '', size };
    } catch (err) {
      throw toStorageError(err, bucket, key);
    }
  }

  async deleteObjects(bucket: string, keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_PAGE) {
      const batch = keys.slice(i, i + MAX_KEYS_PER_PAGE);
      let errors;
      try {
        const response = await this.client.send(
          new DeleteObjectsCommand({
            Bucket: bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        errors = response.Errors;
      } catch (err) {
        throw toStorageError(err, bucket);
      }
      const first = errors?.[0];
      if (first) {
        throw toStorageError({ name: first.Code, message: first.Message }, bucket, first.Key);
      }
    }
  }
}
