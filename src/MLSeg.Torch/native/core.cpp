// Library-level exports: errors, versions, devices, seeding, threading, grad mode, autocast, generators.
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <torch/version.h>
#include <ATen/autocast_mode.h>
#include "common.h"
#ifdef MLSEG_WITH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#endif

namespace mlseg {

thread_local std::string last_error;

int32_t fail(int32_t status, const char* message) {
    try {
        last_error = message ? message : "";
    } catch (...) {
        // Storing the message itself failed (out of memory); the status still tells the caller what happened.
    }
    return status;
}

std::vector<at::Tensor> tensor_list(const mlseg_tensor* handles, int32_t count) {
    if (count < 0 || (count > 0 && handles == nullptr)) throw std::invalid_argument("bad tensor list");
    std::vector<at::Tensor> list;
    list.reserve(static_cast<size_t>(count));
    for (int32_t i = 0; i < count; ++i) list.push_back(T(handles[i]));
    return list;
}

static void copy_string(const std::string& s, char* buffer, int32_t capacity, int32_t* length) {
    if (length != nullptr) *length = static_cast<int32_t>(s.size());
    if (buffer != nullptr && capacity > 0) {
        size_t n = std::min(static_cast<size_t>(capacity - 1), s.size());
        std::memcpy(buffer, s.data(), n);
        buffer[n] = '\0';
    }
}

// glibc's malloc starts with a 128 KiB mmap threshold and raises it (up to 32 MiB) each time a larger mmapped block
// is freed, with the trim threshold following at twice that. A training loop frees activation blocks of every size
// each step, so glibc keeps moving sizes from mmap to the heap and trimming the heap top, and how far the process's
// RSS creeps up over the first hundred steps depends on the order of frees (measured +0.8 % to +15 % over 8 training
// steps of the engine benchmark). Fixing the mmap threshold at 32 MiB (where the dynamic rule ends) and the trim
// threshold at 256 MiB (the heap keeps up to that much free memory for the next step instead of returning and
// re-faulting it) gave a flat RSS (+0.5 %) at 3 % less throughput; a 64 MiB trim threshold cost 10 %. Skipped when the
// user tunes malloc through GLIBC_TUNABLES, or with MLSEG_MALLOC_TUNING=0.
static bool malloc_tuned = false;
namespace {
struct MallocTuning {
    MallocTuning() {
        const char* opt = std::getenv("MLSEG_MALLOC_TUNING");
        if (opt != nullptr && std::strcmp(opt, "0") == 0) return;
        const char* tunables = std::getenv("GLIBC_TUNABLES");
        if (tunables != nullptr && std::strstr(tunables, "glibc.malloc.") != nullptr) return;
        malloc_tuned = mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024) == 1 && mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024) == 1;
    }
};
const MallocTuning malloc_tuning_at_load;
}  // namespace

}  // namespace mlseg

using namespace mlseg;

// Whether the shim fixed glibc's malloc thresholds when it was loaded (see MallocTuning).
MLSEG_API int32_t mlseg_malloc_tuned(int32_t* out) { MLSEG_FENCE(if (!out) throw std::invalid_argument("null out"); *out = malloc_tuned ? 1 : 0) }

// Message of the last failed call on this thread (UTF-8, owned by the shim, valid until the next failing call).
MLSEG_API const char* mlseg_last_error(void) { return last_error.c_str(); }

MLSEG_API int32_t mlseg_abi_version(int32_t* out) { MLSEG_FENCE(if (!out) throw std::invalid_argument("null out"); *out = MLSEG_ABI_VERSION) }

// libtorch version, e.g. "1.13.1", into a caller buffer; *length gets the full length.
MLSEG_API int32_t mlseg_torch_version(char* buffer, int32_t capacity, int32_t* length) {
    MLSEG_FENCE(copy_string(TORCH_VERSION, buffer, capacity, length))
}

// Build description: CPU capabilities, parallel backend, CUDA/cuDNN presence.
MLSEG_API int32_t mlseg_build_info(char* buffer, int32_t capacity, int32_t* length) {
    MLSEG_FENCE(copy_string(at::get_parallel_info() + "\n" + at::show_config(), buffer, capacity, length))
}

MLSEG_API int32_t mlseg_cuda_is_available(int32_t* out) { MLSEG_FENCE(bool v = torch::cuda::is_available(); *out = v ? 1 : 0) }
MLSEG_API int32_t mlseg_cuda_device_count(int32_t* out) { MLSEG_FENCE(int32_t n = static_cast<int32_t>(torch::cuda::device_count()); *out = n) }
MLSEG_API int32_t mlseg_cuda_synchronize(int32_t index) {
    MLSEG_FENCE(if (!torch::cuda::is_available()) throw std::invalid_argument("cuda.synchronize: no CUDA device"); torch::cuda::synchronize(index))
}
// Returns cached blocks of the CUDA caching allocator to the driver; a no-op without CUDA.
MLSEG_API int32_t mlseg_cuda_empty_cache(void) {
    MLSEG_FENCE(
#ifdef MLSEG_WITH_CUDA
        if (torch::cuda::is_available()) c10::cuda::CUDACachingAllocator::emptyCache();
#endif
    )
}

MLSEG_API int32_t mlseg_manual_seed(int64_t seed) { MLSEG_FENCE(torch::manual_seed(static_cast<uint64_t>(seed))) }
MLSEG_API int32_t mlseg_set_num_threads(int32_t n) { MLSEG_FENCE(if (n <= 0) throw std::invalid_argument("thread count must be > 0"); at::set_num_threads(n)) }
MLSEG_API int32_t mlseg_get_num_threads(int32_t* out) { MLSEG_FENCE(int32_t n = at::get_num_threads(); *out = n) }
MLSEG_API int32_t mlseg_set_deterministic(int32_t on) {
    MLSEG_FENCE(at::globalContext().setDeterministicAlgorithms(on != 0, /*warn_only=*/false); at::globalContext().setBenchmarkCuDNN(false))
}

// Grad mode is thread-local in libtorch; *previous gets the old value so C# scopes can restore it.
MLSEG_API int32_t mlseg_set_grad_enabled(int32_t enabled, int32_t* previous) {
    MLSEG_FENCE(bool was = at::GradMode::is_enabled(); at::GradMode::set_enabled(enabled != 0); if (previous) *previous = was ? 1 : 0)
}
MLSEG_API int32_t mlseg_is_grad_enabled(int32_t* out) { MLSEG_FENCE(bool v = at::GradMode::is_enabled(); *out = v ? 1 : 0) }

// Autocast (mixed precision), thread-local like PyTorch's, with torch.autocast's enter/exit semantics: enter records the
// previous (enabled, dtype), bumps the nesting count and switches on; exit drops the nesting count (clearing the cast
// cache at zero) and restores what enter recorded. device_type 0 = CPU (bfloat16 only in libtorch 1.13), 1 = CUDA
// (float16 or bfloat16); dtype codes 5 (float16) and 15 (bfloat16).
// libtorch 2.4 replaced the per-backend functions (is_cpu_enabled, set_autocast_gpu_dtype, …) by ones taking a device
// type and deprecated the old ones; the newer API is used where it exists.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
static at::DeviceType autocast_device(bool cuda) { return cuda ? at::kCUDA : at::kCPU; }
static bool autocast_enabled(bool cuda) { return at::autocast::is_autocast_enabled(autocast_device(cuda)); }
static at::ScalarType autocast_dtype(bool cuda) { return at::autocast::get_autocast_dtype(autocast_device(cuda)); }
static void autocast_apply(bool cuda, bool on, at::ScalarType dt) {
    at::autocast::set_autocast_dtype(autocast_device(cuda), dt);
    at::autocast::set_autocast_enabled(autocast_device(cuda), on);
}
#else
static bool autocast_enabled(bool cuda) { return cuda ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled(); }
static at::ScalarType autocast_dtype(bool cuda) { return cuda ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype(); }
static void autocast_apply(bool cuda, bool on, at::ScalarType dt) {
    if (cuda) { at::autocast::set_autocast_gpu_dtype(dt); at::autocast::set_enabled(on); }
    else { at::autocast::set_autocast_cpu_dtype(dt); at::autocast::set_cpu_enabled(on); }
}
#endif
MLSEG_API int32_t mlseg_autocast_enter(int32_t device_type, int32_t dtype_code, int32_t* prev_enabled, int32_t* prev_dtype) {
    MLSEG_FENCE(
        if (!prev_enabled || !prev_dtype) throw std::invalid_argument("null out");
        if (device_type != 0 && device_type != 1) throw std::invalid_argument("autocast device must be cpu (0) or cuda (1)");
        bool cuda = device_type == 1;
        auto dt = dtype(dtype_code);
        if (cuda) {
            if (!torch::cuda::is_available()) throw std::invalid_argument("autocast on cuda needs CUDA; this libtorch build has no usable CUDA device");
            if (dt != at::kHalf && dt != at::kBFloat16) throw std::invalid_argument("cuda autocast dtype must be float16 or bfloat16");
        } else if (dt != at::kBFloat16) {
            throw std::invalid_argument("cpu autocast dtype must be bfloat16 (libtorch 1.13 has no float16 CPU autocast)");
        }
        bool was = autocast_enabled(cuda);
        at::ScalarType was_dt = autocast_dtype(cuda);
        at::autocast::increment_nesting();
        autocast_apply(cuda, true, dt);
        *prev_enabled = was ? 1 : 0;
        *prev_dtype = static_cast<int32_t>(was_dt))
}
MLSEG_API int32_t mlseg_autocast_exit(int32_t device_type, int32_t prev_enabled, int32_t prev_dtype) {
    MLSEG_FENCE(
        if (device_type != 0 && device_type != 1) throw std::invalid_argument("autocast device must be cpu (0) or cuda (1)");
        if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
        autocast_apply(device_type == 1, prev_enabled != 0, static_cast<at::ScalarType>(prev_dtype)))
}
MLSEG_API int32_t mlseg_autocast_is_enabled(int32_t device_type, int32_t* out) {
    MLSEG_FENCE(
        if (!out) throw std::invalid_argument("null out");
        if (device_type != 0 && device_type != 1) throw std::invalid_argument("autocast device must be cpu (0) or cuda (1)");
        *out = autocast_enabled(device_type == 1) ? 1 : 0)
}

// Generators: an explicit random stream per component (no shared global RNG in MLSeg's own code).
MLSEG_API int32_t mlseg_generator_create(int64_t seed, int32_t device_type, mlseg_generator* out) {
    MLSEG_FENCE(
        if (!out) throw std::invalid_argument("null out");
        at::Generator g = device_type == 1 ? at::globalContext().defaultGenerator(device(1, 0)).clone() : at::detail::createCPUGenerator(static_cast<uint64_t>(seed));
        g.set_current_seed(static_cast<uint64_t>(seed));
        *out = reinterpret_cast<mlseg_generator>(new at::Generator(std::move(g))))
}
MLSEG_API int32_t mlseg_generator_free(mlseg_generator g) { MLSEG_FENCE(delete reinterpret_cast<at::Generator*>(g)) }
MLSEG_API int32_t mlseg_generator_seed(mlseg_generator g, int64_t seed) {
    MLSEG_FENCE(if (!g) throw std::invalid_argument("null generator"); reinterpret_cast<at::Generator*>(g)->set_current_seed(static_cast<uint64_t>(seed)))
}
