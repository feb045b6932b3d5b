/* Debian's Wine (8.0) lacks bcryptprimitives.dll, where Rust's standard library takes its
 * random numbers from on Windows (ProcessPrng, Windows 10 and later): without it no Rust program
 * starts under that Wine. This stand-in, installed into the test's own Wine prefix only
 * (scripts/lib.sh, wine_prefix), answers from RtlGenRandom, which that Wine has. Windows itself
 * has the real DLL: nothing of this is shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
