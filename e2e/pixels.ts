import type { Page } from '@playwright/test';

/**
 * Reads the pixels of a screenshot (decoded by the browser itself, so no PNG library is needed) and measures a region
 * of it: how light it is, how much of it is "ink" (far from the region's background), and how much of it is near a
 * given colour. Screenshot tests assert on these, so an image that is blank, unthemed or missing its selection fails.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RegionStats {
  /** Mean relative luminance, 0 (black) to 1 (white). */
  meanLuma: number;
  /** Share of pixels whose luminance differs from the region's median by more than 0.25 (text, icons, borders). */
  ink: number;
  /** Share of pixels within `tolerance` (per channel) of `color`, when one was given. */
  near: number;
  /**
   * Share of pixels tinted like `color`: their departure from grey points the same way as the colour's (cosine > 0.9)
   * and is strong enough to see. Unlike `near`, this survives anti-aliasing and zoom, which lighten a thin line.
   */
  tint: number;
}

export async function regionStats(page: Page, png: Buffer, box: Box, color?: [number, number, number], tolerance = 40): Promise<RegionStats> {
  return page.evaluate(
    async ({ b64, box, color, tolerance }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const x = Math.max(0, Math.round(box.x));
      const y = Math.max(0, Math.round(box.y));
      const w = Math.min(bitmap.width - x, Math.round(box.width));
      const h = Math.min(bitmap.height - y, Math.round(box.height));
      const data = ctx.getImageData(x, y, w, h).data;
      const lumas: number[] = [];
      let near = 0;
      let tint = 0;
      const chroma = (c: number[]) => {
        const m = (c[0]! + c[1]! + c[2]!) / 3;
        return [c[0]! - m, c[1]! - m, c[2]! - m];
      };
      const want = color ? chroma(color) : undefined;
      const wantLen = want ? Math.hypot(want[0]!, want[1]!, want[2]!) : 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        lumas.push((0.2126 * r + 0.7152 * g + 0.0722 * b) / 255);
        if (!color || !want) continue;
        if (Math.abs(r - color[0]) <= tolerance && Math.abs(g - color[1]) <= tolerance && Math.abs(b - color[2]) <= tolerance) near++;
        const have = chroma([r, g, b]);
        const len = Math.hypot(have[0]!, have[1]!, have[2]!);
        if (len > 20 && wantLen > 0 && (have[0]! * want[0]! + have[1]! * want[1]! + have[2]! * want[2]!) / (len * wantLen) > 0.9) tint++;
      }
      const sorted = [...lumas].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      const mean = lumas.reduce((a, b) => a + b, 0) / Math.max(1, lumas.length);
      const ink = lumas.filter((l) => Math.abs(l - median) > 0.25).length / Math.max(1, lumas.length);
      return { meanLuma: mean, ink, near: near / Math.max(1, lumas.length), tint: tint / Math.max(1, lumas.length) };
    },
    { b64: png.toString('base64'), box, color, tolerance },
  );
}

/** The box of an element in the page's coordinates (what a full-page-less screenshot shows). */
export async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} has no box`);
  return box;
}

/** A CSS colour of the page (a custom property, resolved), as RGB. */
export async function cssColor(page: Page, variable: string): Promise<[number, number, number]> {
  return page.evaluate((v) => {
    const probe = document.createElement('div');
    probe.style.color = `var(${v})`;
    document.body.append(probe);
    const m = /rgba?\((\d+), (\d+), (\d+)/.exec(getComputedStyle(probe).color);
    probe.remove();
    return m ? ([Number(m[1]), Number(m[2]), Number(m[3])] as [number, number, number]) : [0, 0, 0];
  }, variable);
}
