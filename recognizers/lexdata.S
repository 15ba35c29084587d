/*
 * lexdata.S - the generated lexicons (corpora/lexicons/*.tsv), linked
 * into the binary as read-only data.  For each file NAME.tsv this
 * defines lexdata_NAME, its first byte, and lexdata_NAME_size, its
 * length in bytes as a 64-bit integer.  The Makefile passes
 * -Wa,-I,corpora/lexicons, so the files are named without a directory.
 */
	.macro	lexfile name
	.section .rodata
	.balign	8
	.globl	lexdata_\name
	.type	lexdata_\name, @object
lexdata_\name:
	.incbin	"\name\().tsv"
.Llexdata_\name\()_end:
	.size	lexdata_\name, .Llexdata_\name\()_end - lexdata_\name
	.byte	0
	.balign	8
	.globl	lexdata_\name\()_size
	.type	lexdata_\name\()_size, @object
lexdata_\name\()_size:
	.quad	.Llexdata_\name\()_end - lexdata_\name
	.size	lexdata_\name\()_size, 8
	.endm

	lexfile	first
	lexfile	last
	lexfile	words
	lexfile	medical
	lexfile	places
	lexfile	states
	lexfile	countries
	lexfile	nicknames

	.section .note.GNU-stack, "", @progbits
