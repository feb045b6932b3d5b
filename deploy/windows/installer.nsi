; Exposure's Windows installer: per user, no administrator rights, nothing downloaded.
; Built by scripts/build-windows with Debian's makensis, which passes:
;   VERSION   the workspace version (0.1.0)
;   STAGE     the folder holding exposure-desktop.exe, WebView2Loader.dll and exposure.exe
;   ICON      the app's .ico
;   OUTFILE   the installer to write
; The uninstaller removes exactly what this installs. The person's packs, keys and added-pack
; list live in %APPDATA%\exposure, which the installer never writes: they stay.

; A 64-bit installer for a 64-bit app (and Wine without 32-bit support runs it).
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define PRODUCT "Exposure"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
; The Evergreen WebView2 runtime's client id (learn.microsoft.com, "Detect if a WebView2 Runtime
; is already installed").
!define WEBVIEW2_CLIENT "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
; Per user: %LOCALAPPDATA%\Programs is where Windows puts programs installed without elevation.
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"

; The installer's own file properties (Explorer, Properties, Details) and icon.
VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} ${VERSION} setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "AGPL-3.0-or-later"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\exposure-desktop.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first is the fallback for any other system language.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "TradChinese"

LangString SecApp ${LANG_ENGLISH} "Exposure (the app and the exposure command)"
LangString SecApp ${LANG_SIMPCHINESE} "Exposure（应用和 exposure 命令）"
LangString SecApp ${LANG_TRADCHINESE} "Exposure（應用程式和 exposure 指令）"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString SecDesktop ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktop ${LANG_TRADCHINESE} "桌面捷徑"
LangString NoWebView2 ${LANG_ENGLISH} "Exposure's window needs the Microsoft Edge WebView2 Runtime, which Windows 11 and an up-to-date Windows 10 already have. It was not found on this computer, so the app will not open until it is installed.$\r$\n$\r$\nDownload the Evergreen Bootstrapper from https://developer.microsoft.com/microsoft-edge/webview2/ (or run Windows Update), install it, then start Exposure. The exposure command works without it.$\r$\n$\r$\nInstall Exposure now anyway?"
LangString NoWebView2 ${LANG_SIMPCHINESE} "Exposure 的窗口需要 Microsoft Edge WebView2 运行时。Windows 11 和已更新的 Windows 10 都自带它，但这台电脑上没有找到，装好它之前应用无法打开。$\r$\n$\r$\n请从 https://developer.microsoft.com/microsoft-edge/webview2/ 下载“常青版引导程序”（Evergreen Bootstrapper）并安装，或运行 Windows 更新，然后再启动 Exposure。exposure 命令不需要它。$\r$\n$\r$\n仍然现在安装 Exposure 吗？"
LangString NoWebView2 ${LANG_TRADCHINESE} "Exposure 的視窗需要 Microsoft Edge WebView2 執行階段。Windows 11 和已更新的 Windows 10 都內建它，但這台電腦上找不到，安裝它之前應用程式無法開啟。$\r$\n$\r$\n請從 https://developer.microsoft.com/microsoft-edge/webview2/ 下載「常青版啟動程式」（Evergreen Bootstrapper）並安裝，或執行 Windows Update，然後再啟動 Exposure。exposure 指令不需要它。$\r$\n$\r$\n仍要現在安裝 Exposure 嗎？"

Function .onInit
  ; NSIS matches the system's UI language exactly; Chinese of Hong Kong and Macau read
  ; Traditional characters, of Singapore Simplified, as the app itself decides.
  System::Call 'kernel32::GetUserDefaultUILanguage() h .r0'
  ${If} $0 = 3076   ; zh-HK
  ${OrIf} $0 = 5124 ; zh-MO
    StrCpy $LANGUAGE ${LANG_TRADCHINESE}
  ${ElseIf} $0 = 4100 ; zh-SG
    StrCpy $LANGUAGE ${LANG_SIMPCHINESE}
  ${EndIf}
  Call CheckWebView2
FunctionEnd

; The runtime registers its version per machine (under WOW6432Node on 64-bit Windows) or per
; user; a missing or 0.0.0.0 version means it is not installed.
Function CheckWebView2
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ; Silent installs go on: the CLI works without the runtime, and an administrator deploying
    ; silently installs the runtime their own way.
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "$(NoWebView2)" /SD IDYES IDYES done
    Abort
  ${EndIf}
  done:
FunctionEnd

Section "!$(SecApp)" SecApp
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\exposure-desktop.exe"
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\exposure.exe"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\exposure-desktop.exe"
  ; Settings, Apps: a per-user entry, with its version, size and a silent uninstall.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\exposure-desktop.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "$(SecDesktop)" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\exposure-desktop.exe"
SectionEnd

; Only what the installer wrote, by name: never a folder removed with its contents, so packs a
; person put in the install folder, and %APPDATA%\exposure, are left alone.
Section "Uninstall"
  SetShellVarContext current
  Delete "$DESKTOP\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$INSTDIR\exposure-desktop.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\exposure.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd
