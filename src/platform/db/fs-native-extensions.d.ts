// The part of fs-native-extensions (holepunchto) that Sésame uses; the package ships no types.
declare module 'fs-native-extensions' {
  /** An exclusive lock on the whole file (open file description lock on Linux); false when another holds it. */
  export function tryLock(fd: number): boolean;
  /** Releases a lock taken on `fd`. */
  export function unlock(fd: number): void;
  const nativeFs: { tryLock: typeof tryLock; unlock: typeof unlock };
  export default nativeFs;
}
