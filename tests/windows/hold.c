/* Keeps Wine's server up between the steps of scripts/test-windows (scripts/lib.sh, wine_hold).
 * The server exits three seconds after its last program ends, and a program that starts in that
 * instant loses its connection ("wine client error:0: recvmsg: Connection reset by peer"). While
 * this program runs the server never idles. It waits until the script ends it. */
#include <windows.h>

int main(void)
{
    Sleep(INFINITE);
    return 0;
}
