/* utf8.h - UTF-8 with Go's rules (unicode/utf8) and the unicode.IsPrint / IsGraphic tests.
 *
 * Go never fails on bad UTF-8: an invalid byte decodes as U+FFFD with width 1, and an
 * invalid rune (a surrogate, a negative value or one above U+10FFFF) encodes as U+FFFD.
 * Character classes come from utf8proc, whose tables are Unicode 15.0 like Go 1.23's. */
#ifndef HTMPL_UTF8_H
#define HTMPL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HUTF8_ERROR 0xFFFD   /* utf8.RuneError */
#define HUTF8_MAX 0x10FFFF   /* utf8.MaxRune */

/* utf8.DecodeRune: decodes the first rune of s[0..n). Returns its width in bytes: 0 when
 * n == 0 (*rune = U+FFFD), 1 with *rune = U+FFFD for an invalid or truncated sequence. */
size_t hutf8_decode(const char *s, size_t n, int32_t *rune);
/* utf8.EncodeRune: writes 1..4 bytes to out (room for 4) and returns the count. */
size_t hutf8_encode(int32_t r, char *out);
/* utf8.RuneLen: bytes needed to encode r, or -1 when r is not a valid rune. */
int hutf8_rune_len(int32_t r);
/* utf8.ValidRune */
bool hutf8_valid_rune(int32_t r);
/* utf8.Valid / utf8.RuneCount over s[0..n). */
bool hutf8_valid(const char *s, size_t n);
size_t hutf8_count(const char *s, size_t n);
/* unicode.IsPrint (letters, marks, numbers, punctuation, symbols and U+0020) and
 * unicode.IsGraphic (the same plus every Zs space). */
bool hutf8_is_print(int32_t r);
bool hutf8_is_graphic(int32_t r);
/* unicode.IsSpace */
bool hutf8_is_space(int32_t r);
/* unicode.IsLetter (categories Lu Ll Lt Lm Lo) and unicode.IsDigit (Nd): the classes of
 * text/template's goodName and its lexer's identifiers. */
bool hutf8_is_letter(int32_t r);
bool hutf8_is_digit(int32_t r);
/* The first rune of the Private Use Area (U+E000..U+F8FF) that s[0..n) does not contain --
 * or, when follow is not 0, never contains directly before the byte follow; -1 when all
 * 6400 occur. A stand-in that can be told apart from the text (yaml_emit.c, yaml_load.c). */
int32_t hutf8_unused_private(const char *s, size_t n, char follow);

#endif
