/**
 * Copy an image with the async Clipboard API. Browsers accept only PNG images on the clipboard, so JPEG and WebP
 * are redrawn on a canvas first. Works in the browser host (127.0.0.1 is a secure context).
 */

/** Re-encodes any image the browser can decode as PNG. */
export async function toPngBlob(blob: Blob): Promise<Blob> {
  if (blob.type === 'image/png') return blob;
  const bitmap = await createImageBitmap(blob);
  try {
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw the image.');
    context.drawImage(bitmap, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((png) => (png ? resolve(png) : reject(new Error('The image could not be converted.'))), 'image/png'),
    );
  } finally {
    bitmap.close();
  }
}

/** Puts the image at `url` on the clipboard as PNG. */
export async function copyImageFromUrl(url: string): Promise<void> {
  if (!navigator.clipboard?.write || typeof ClipboardItem === 'undefined') throw new Error('The clipboard is not available here.');
  // A promise inside the ClipboardItem keeps the click's user activation while the image loads (Safari needs it).
  const png = fetch(url).then(async (res) => {
    if (!res.ok) throw new Error('The image could not be loaded.');
    return toPngBlob(await res.blob());
  });
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
}
