// Export of the diagram as a standalone SVG (colours inlined from the computed
// style, canvas links embedded as an image) or as a PNG data URL.

const STYLE_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-opacity', 'fill-opacity', 'opacity', 'font-family', 'font-size', 'font-weight', 'display', 'visibility'];

export function diagramSvg(svg: SVGSVGElement, linkCanvas: HTMLCanvasElement | undefined): string {
  const box = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = svg.querySelectorAll<SVGElement>('*');
  const target = clone.querySelectorAll<SVGElement>('*');
  source.forEach((node, k) => {
    const computed = getComputedStyle(node);
    const copy = target[k]!;
    for (const prop of STYLE_PROPS) copy.style.setProperty(prop, computed.getPropertyValue(prop));
  });
  clone.querySelectorAll('.link-hover').forEach((n) => n.remove());
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(box.width)));
  clone.setAttribute('height', String(Math.round(box.height)));
  const background = getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim() || '#ffffff';
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', background);
  clone.insertBefore(rect, clone.firstChild);
  if (linkCanvas) {
    const image = document.createElementNS('http://www.w3.org/2000/svg', 'image');
    image.setAttribute('href', linkCanvas.toDataURL('image/png'));
    image.setAttribute('width', String(Math.round(box.width)));
    image.setAttribute('height', String(Math.round(box.height)));
    clone.insertBefore(image, rect.nextSibling);
  }
  return new XMLSerializer().serializeToString(clone);
}

export async function diagramPng(svgText: string, width: number, height: number): Promise<string> {
  const ratio = 2;
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the diagram could not be rasterised'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(ratio, ratio);
  ctx.drawImage(image, 0, 0, width, height);
  return canvas.toDataURL('image/png');
}
