// Package outdir makes a run's outputs one unit: it writes a directory's
// new files beside it and swaps the whole directory in when they are all
// complete ([Replace]), and it keeps two runs from writing the same
// output at once ([Lock]).
//
// atomicfile makes one file all-or-nothing; a build writes a dozen files,
// and a run killed (or out of disk) between two of them would leave some
// from the old build and some from the new. Replace writes the new set
// into a hidden sibling directory, ".OUT.rejoinder-new-*", carries over
// (as hard links) whatever else the old directory held, and exchanges the
// two directories in one rename (renameat2 RENAME_EXCHANGE on Linux): at
// every moment the output directory is either wholly the old set or
// wholly the new one. Where the exchange is not supported it falls back
// to two renames, and a run killed between them is repaired by the next
// one, which puts the old set back.
//
// Lock takes an advisory lock (flock) on a hidden sibling file,
// ".OUT.rejoinder-lock", for the whole read-modify-write of a run; a
// second writer waits for it, saying so on standard error, and gives up
// with [ErrLocked] after a timeout. Holding the lock, a run removes the
// temporary files and directories killed runs left ([CleanStale]).
//
// # Where it fits
//
// outdir is a leaf used by the command (Replace by build and import csv;
// Lock by every command that writes an output); it imports nothing of
// rejoinder's.
package outdir
