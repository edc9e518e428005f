/*
 * MLSeg's C ABI over libtorch.
 *
 * Rules (STYLE.md #4, #5):
 *  - every export is extern "C", prefixed mlseg_, returns an int32_t status (MLSEG_OK = 0);
 *  - out-pointers are written only when the call succeeds;
 *  - on failure the message is kept in a thread-local buffer, read with mlseg_last_error (valid until the next call
 *    on the same thread);
 *  - no C++ exception crosses the boundary: every body is fenced (c10::Error, std::bad_alloc, std::exception, ...);
 *  - handles are opaque. A tensor handle returned through an out-pointer is owned by the caller, who frees it with
 *    mlseg_tensor_free; a generator with mlseg_generator_free; strings written into caller buffers need no free.
 *  - dtypes use c10::ScalarType's numbering: 0 uint8, 4 int64, 5 float16, 6 float32, 7 float64, 11 bool, 15 bfloat16.
 *  - devices: type 0 = cpu, 1 = cuda; index -1 = the current/default one.
 */
#ifndef MLSEG_TORCH_H
#define MLSEG_TORCH_H
#include <stdint.h>

#define MLSEG_ABI_VERSION 2

#define MLSEG_OK 0
#define MLSEG_ERR_TORCH 1       /* libtorch raised c10::Error: bad shapes, dtypes, devices... */
#define MLSEG_ERR_OOM 2         /* std::bad_alloc */
#define MLSEG_ERR_STD 3         /* another std::exception */
#define MLSEG_ERR_UNKNOWN 4     /* a non-standard C++ exception */
#define MLSEG_ERR_ARGUMENT 5    /* the shim's own argument checks (null handle, bad dtype code, short buffer) */

typedef struct mlseg_tensor_opaque* mlseg_tensor;
typedef struct mlseg_generator_opaque* mlseg_generator;

#endif
