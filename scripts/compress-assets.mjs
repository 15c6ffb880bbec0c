// compress-assets.mjs — writes FILE.br (brotli, quality 9) and FILE.gz (gzip -9) beside each compressible file of the
// web app's build (apps/web/dist/assets), so the server sends them as they are to a browser that accepts them
// (@fastify/static's `preCompressed`), instead of 26 MB raw or compressing on every request. Runs after Vite in
// scripts/build.mjs; the compression runs on libuv's thread pool, all files at once.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|json|svg|ttf|wasm|map|txt)$/;
/** Below this a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/** Compresses every compressible file under `dir` (recursively); returns the raw and compressed byte counts. */
export async function compressAssets(dir) {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && COMPRESSIBLE.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name));
  const totals = { files: 0, raw: 0, br: 0, gz: 0 };
  await Promise.all(
    files.map(async (file) => {
      const data = await readFile(file);
      if (data.length < MIN_BYTES) return;
      const [b, g] = await Promise.all([
        br(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
        gz(data, { level: 9 }),
      ]);
      await Promise.all([writeFile(`${file}.br`, b), writeFile(`${file}.gz`, g)]);
      totals.files++;
      totals.raw += data.length;
      totals.br += b.length;
      totals.gz += g.length;
    }),
  );
  return totals;
}
