#!/usr/bin/env node
// Usage: fetch-cli <url> - downloads a URL and prints its size.
async function main(): Promise<void> {
  const response = await fetch(process.argv[2]); // safe
  const body = await response.arrayBuffer();
  console.log(`${response.status} ${body.byteLength} bytes`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
