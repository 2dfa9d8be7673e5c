// A narrow C bridge to the system ICU (libicu-dev).
//
// This header deliberately uses only <stdint.h> types and opaque pointers: ICU's own headers
// rename every function with a version suffix through macros, which Swift cannot import, and
// Foundation on Linux bundles a second ICU whose types would clash with the system headers.
// Every function here is implemented in cicu.c, the only file that includes ICU headers.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One candidate from ICU's charset detector.
typedef struct {
    char name[32];
    int32_t confidence; // 0...100
} cicu_charset_match;

/// Detects the charset of `bytes`. Writes up to `capacity` matches, best first, and returns how
/// many were written (0 when ICU has no opinion or on error).
int32_t cicu_detect_charsets(const uint8_t *bytes, int32_t length,
                             cicu_charset_match *matches, int32_t capacity);

/// Whether ICU knows a converter by this name (aliases included).
int32_t cicu_converter_exists(const char *name);

/// Writes ICU's canonical name for a converter alias into `out` (NUL-terminated).
/// Returns 0 on success, -1 when the name is unknown.
int32_t cicu_canonical_converter_name(const char *name, char *out, int32_t capacity);

/// Decodes `length` bytes in charset `charset` to UTF-8.
///
/// `out` must hold at least `3 * length + 16` bytes. Each invalid, unmapped or truncated byte
/// sequence becomes U+FFFD; its byte offset in the input is written to `invalidOffsets`
/// (up to `invalidCapacity` of them) and its length to `invalidLengths`. `*invalidCount`
/// receives the total number of invalid sequences, which may exceed the capacity.
/// Returns the number of UTF-8 bytes written, or -1 when the charset is unknown.
int64_t cicu_decode_to_utf8(const char *charset, const uint8_t *bytes, int64_t length,
                            uint8_t *out, int64_t outCapacity,
                            int64_t *invalidOffsets, int32_t *invalidLengths,
                            int32_t invalidCapacity, int64_t *invalidCount);

/// Encodes UTF-8 text into charset `charset`, stopping at the first character the charset
/// cannot represent. `out` must hold at least `4 * length + 16` bytes.
/// Returns the number of bytes written, -1 for an unknown charset, or -2 when a character
/// cannot be encoded (then `*failedAt` receives the UTF-8 byte offset of that character).
int64_t cicu_encode_from_utf8(const char *charset, const uint8_t *utf8, int64_t length,
                              uint8_t *out, int64_t outCapacity, int64_t *failedAt);

/// Normalizes UTF-8 text to NFC. `out` must hold at least `3 * length + 16` bytes.
/// Returns the number of bytes written, or -1 on error.
int64_t cicu_nfc_utf8(const uint8_t *utf8, int64_t length, uint8_t *out, int64_t outCapacity);

/// 1 when the code point is known to be unchanged by NFC in any context (NFC_Quick_Check=Yes
/// and canonical combining class 0), else 0.
int32_t cicu_is_nfc_inert(uint32_t codePoint);

/// The Unicode general category of a code point as ICU's UCharCategory number.
int32_t cicu_char_type(uint32_t codePoint);

/// The script of a code point as ICU's UScriptCode number (17 = Han, 25 = Latin, 0 = Common).
int32_t cicu_script(uint32_t codePoint);

/// An opened ICU transliterator (opaque). Not safe to use from two threads at once.
typedef struct cicu_transliterator cicu_transliterator;

/// Opens a transliterator by ICU id such as "Hant-Hans" or "Han-Latin". Returns NULL on failure
/// and writes ICU's error name into `errorOut`.
cicu_transliterator *cicu_transliterator_open(const char *id, char *errorOut, int32_t errorCapacity);

/// Duplicates a transliterator (cheap compared to opening one).
cicu_transliterator *cicu_transliterator_clone(const cicu_transliterator *t);

void cicu_transliterator_close(cicu_transliterator *t);

/// Transliterates UTF-8 text. Returns a malloc'ed NUL-terminated UTF-8 buffer and its length
/// in `*outLength`, or NULL on error. Free it with cicu_free.
uint8_t *cicu_transliterate_utf8(cicu_transliterator *t, const uint8_t *utf8, int64_t length,
                                 int64_t *outLength);

void cicu_free(void *pointer);

/// A compiled ICU regular expression (opaque), usable from several threads at once: each match
/// borrows a matcher from a pool kept with the pattern (a clone is made when all are busy).
typedef struct cicu_regex cicu_regex;

/// Compiles a pattern (UTF-16) with no flags, as NSRegularExpression does with no options.
/// Returns NULL on failure and writes ICU's error name into `errorOut`.
cicu_regex *cicu_regex_open(const uint16_t *pattern, int32_t length, char *errorOut, int32_t errorCapacity);

void cicu_regex_close(cicu_regex *regex);

/// The number of capture groups in the pattern.
int32_t cicu_regex_group_count(const cicu_regex *regex);

/// The number of the named capture group `name` (UTF-16), or -1 when there is none.
int32_t cicu_regex_group_number(const cicu_regex *regex, const uint16_t *name, int32_t length);

/// Finds successive matches in the UTF-16 text `text[0..<length]` (the text is the whole
/// search range: `^` and `$` anchor at its ends, look-around does not see past them), one
/// after the other as ICU's findNext does, stopping after `maxMatches`. Each match writes
/// `2 * (groupCount + 1)` offsets into `ranges` (start and end of the match, then of each
/// group; -1 for a group that did not take part). Returns the number of matches written; an
/// ICU error ends the search (as in Foundation's NSRegularExpression). `ranges` must hold
/// `maxMatches * 2 * (groupCount + 1)` values.
int32_t cicu_regex_find(cicu_regex *regex, const uint16_t *text, int32_t length,
                        int32_t maxMatches, int32_t *ranges);

/// The ICU version string, e.g. "72.1".
void cicu_version(char *out, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
