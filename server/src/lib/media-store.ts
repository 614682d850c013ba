import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isWellFormedGif, isWellFormedJpeg, isWellFormedPng, isWellFormedWebp, withoutMetadata } from './image-structure';

const KINDS: { ext: string; type: string; test: (b: Buffer) => boolean }[] = [
  { ext: 'png', type: 'image/png', test: isWellFormedPng },
  { ext: 'jpg', type: 'image/jpeg', test: isWellFormedJpeg },
  { ext: 'webp', type: 'image/webp', test: isWellFormedWebp },
  { ext: 'gif', type: 'image/gif', test: isWellFormedGif },
];

const NAME = /^[0-9a-f]{32}\.(png|jpg|webp|gif)$/;

/**
 * Images stored on local disk, named by their content hash so they can be cached for ever and the
 * same picture is kept once. Several API instances need this directory on a shared volume.
 */
export class MediaStore {
  constructor(
    readonly dir: string,
    /** The public URL path the files are served under, e.g. `/api/media`. */
    readonly urlPrefix: string,
    private readonly allowed: string[] = KINDS.map((k) => k.ext),
  ) {}

  /** The image kind of these bytes, judged by their structure (never by a claimed content type). */
  kindOf(bytes: Buffer): { ext: string; type: string } | undefined {
    return KINDS.find((k) => this.allowed.includes(k.ext) && k.test(bytes));
  }

  /**
   * Stores the bytes, less their metadata, and returns their URL path, or undefined when they are not an allowed image.
   * With an `owner`, the name hashes the owner too: each person's copy is their own file, so it can
   * be deleted with their account without breaking anyone else's.
   */
  async save(original: Buffer, owner?: string): Promise<string | undefined> {
    const kind = this.kindOf(original);
    if (!kind) return undefined;
    // What is served is the picture only: a phone photo's EXIF carries where it was taken.
    const bytes = withoutMetadata(original, kind.ext);
    const hash = createHash('sha256');
    if (owner) hash.update(`${owner}\0`);
    const name = `${hash.update(bytes).digest('hex').slice(0, 32)}.${kind.ext}`;
    await fs.mkdir(this.dir, { recursive: true });
    await fs.writeFile(path.join(this.dir, name), bytes);
    return `${this.urlPrefix}/${name}`;
  }

  /** Whether a file of this name is stored here (false for a name that is not one of ours). */
  async has(name: string): Promise<boolean> {
    const m = NAME.exec(name);
    if (!m || !this.allowed.includes(m[1]!)) return false;
    return fs.stat(path.join(this.dir, name)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** Deletes a stored file by name; a name that is not one of ours, or is gone already, changes nothing. */
  async remove(name: string): Promise<void> {
    const m = NAME.exec(name);
    if (!m || !this.allowed.includes(m[1]!)) return;
    await fs.rm(path.join(this.dir, name), { force: true });
  }

  /** Reads a stored file by name; undefined for a name that is not one of ours or is missing. */
  async read(name: string): Promise<{ body: Buffer; type: string } | undefined> {
    const m = NAME.exec(name);
    if (!m || !this.allowed.includes(m[1]!)) return undefined;
    try {
      return { body: await fs.readFile(path.join(this.dir, name)), type: KINDS.find((k) => k.ext === m[1])!.type };
    } catch {
      return undefined;
    }
  }
}
