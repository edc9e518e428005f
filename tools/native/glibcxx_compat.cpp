// Supplies std::ios_base_library_init() for libstdc++ builds older than GCC 13 (GLIBCXX_3.4.32).
// TorchSharp's libLibTorchSharp.so is built with GCC 13+, whose <iostream> emits a call to this function instead of a
// static std::ios_base::Init object; it is the library's only use of GLIBCXX_3.4.32. Constructing one static Init here
// initialises the standard streams exactly as the newer runtime does. Linked in by prepare-libtorch.sh only when the
// system libstdc++ lacks that version (Debian 12 stops at GLIBCXX_3.4.30).
#include <ios>

namespace std {
void ios_base_library_init()
{
    static ios_base::Init init;
}
}
