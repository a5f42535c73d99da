// Package twocomments is here.
package twocomments
