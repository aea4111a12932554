// Stands in for `node:string_decoder` in the browser builds: a streaming
// TextDecoder keeps a character cut between two chunks for the next one.

export class StringDecoder {
  private readonly decoder: InstanceType<typeof TextDecoder>;

  constructor(encoding = 'utf8') {
    this.decoder = new TextDecoder(encoding);
  }

  write(bytes: Uint8Array): string {
    return this.decoder.decode(bytes, { stream: true });
  }

  end(): string {
    return this.decoder.decode();
  }
}
