// This package does things.
package badstart
