/** Float32 views laid end to end over one SharedArrayBuffer (parameters or gradients shared with workers). */
export function views(buffer: SharedArrayBuffer, lengths: number[]): Float32Array[] {
  let offset = 0;
  return lengths.map((length) => {
    const view = new Float32Array(buffer, offset * 4, length);
    offset += length;
    return view;
  });
}
