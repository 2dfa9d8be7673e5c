// A narrow C bridge to the system zlib (zlib1g-dev) and libzstd (libzstd-dev).
//
// Like CICU, this header uses only <stdint.h>/<stddef.h> types and opaque pointers, so Swift
// never sees zlib's or zstd's declarations. Every function is implemented in ccompression.c.
#ifndef CCOMPRESSION_H
#define CCOMPRESSION_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The compressed formats: gzip (RFC 1952, several members allowed) and zstd (frames).
enum { CCOMP_GZIP = 1, CCOMP_ZSTD = 2 };

/// Results of a step: more input or output room needed, a member/frame ended, or an error.
enum { CCOMP_OK = 0, CCOMP_END = 1, CCOMP_ERROR = -1 };

typedef struct ccomp_stream ccomp_stream;

/// A streaming decoder of `format`, or NULL when out of memory.
ccomp_stream *ccomp_decoder_new(int32_t format);

/// A streaming encoder of `format` at `level` (gzip 1...9, zstd 1...19), or NULL.
ccomp_stream *ccomp_encoder_new(int32_t format, int32_t level);

void ccomp_free(ccomp_stream *stream);

/// Decodes from `input` into `output`. Sets how much input was consumed and output produced.
/// Returns CCOMP_END when a gzip member or zstd frame ended (the decoder is ready for the next
/// one), CCOMP_OK when it needs more input or more output room, CCOMP_ERROR on corrupt data
/// (the message is then in ccomp_message).
int32_t ccomp_decode(ccomp_stream *stream, const uint8_t *input, size_t input_length, size_t *consumed,
                     uint8_t *output, size_t output_capacity, size_t *produced);

/// Encodes `input`; with `finish` set, ends the stream (call until it returns CCOMP_END).
int32_t ccomp_encode(ccomp_stream *stream, const uint8_t *input, size_t input_length, size_t *consumed,
                     uint8_t *output, size_t output_capacity, size_t *produced, int32_t finish);

/// The last error's message (never NULL).
const char *ccomp_message(const ccomp_stream *stream);

#ifdef __cplusplus
}
#endif

#endif
