// The manifest src/site/images/integration.ts serves to pages.
declare module 'virtual:perch-images' {
  const manifest: import('./manifest.ts').ImageManifest;
  export default manifest;
}
