export async function main(args: string[], out: NodeJS.WritableStream, _err: NodeJS.WritableStream): Promise<number> {
  out.write(`args ${args.join(' ')}\n`);
  return 0;
}
