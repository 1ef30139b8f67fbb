#!/usr/bin/env bash
# Regenerates Bridger's app icons with ImageMagick: a white through-arch bridge on a deep
# blue rounded square. Run from anywhere; writes next to this script.
set -euo pipefail
cd "$(dirname "$0")"
# Arch: half an ellipse centred on the deck line (x 232..792, top at y 282), three hangers,
# two piers below the deck.
arch=$(awk 'BEGIN { for (i = 0; i <= 60; i++) { t = i * 3.14159265 / 60;
  printf "%.1f,%.1f ", 512 - 280 * cos(t), 592 - 310 * sin(t) } }')
hanger() { awk -v x="$1" 'BEGIN { d = (x - 512) / 280;
  printf "line %d,%.0f %d,592\n", x, 592 - 310 * sqrt(1 - d * d) + 10, x }'; }
draw="stroke none
fill '#1e3a8a'
roundrectangle 48,48 976,976 210,210
fill none
stroke white
stroke-linecap round
stroke-linejoin round
stroke-width 62
polyline $arch
line 160,592 864,592
line 232,592 232,742
line 792,592 792,742
stroke-width 40
$(hanger 372)
$(hanger 512)
$(hanger 652)"
convert -size 1024x1024 xc:none -draw "$draw" -strip -depth 8 PNG32:/tmp/bridger-icon-1024.png
convert /tmp/bridger-icon-1024.png -resize 512x512 -strip -depth 8 PNG32:icon.png
convert /tmp/bridger-icon-1024.png -resize 256x256 -strip -depth 8 PNG32:128x128@2x.png
convert /tmp/bridger-icon-1024.png -resize 256x256 -strip -depth 8 PNG32:256x256.png
convert /tmp/bridger-icon-1024.png -resize 128x128 -strip -depth 8 PNG32:128x128.png
convert /tmp/bridger-icon-1024.png -resize 64x64 -strip -depth 8 PNG32:64x64.png
convert /tmp/bridger-icon-1024.png -resize 32x32 -strip -depth 8 PNG32:32x32.png
rm -f /tmp/bridger-icon-1024.png
# The same drawing as SVG: the menu's scalable icon (hicolor/scalable/apps).
svg_hanger() { awk -v x="$1" 'BEGIN { d = (x - 512) / 280;
  printf "<line x1=\"%d\" y1=\"%.0f\" x2=\"%d\" y2=\"592\"/>", x, 592 - 310 * sqrt(1 - d * d) + 10, x }'; }
cat > icon.svg <<SVG
<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024" viewBox="0 0 1024 1024">
<rect x="48" y="48" width="928" height="928" rx="210" ry="210" fill="#1e3a8a"/>
<g fill="none" stroke="#fff" stroke-linecap="round" stroke-linejoin="round" stroke-width="62">
<polyline points="$arch"/>
<line x1="160" y1="592" x2="864" y2="592"/>
<line x1="232" y1="592" x2="232" y2="742"/>
<line x1="792" y1="592" x2="792" y2="742"/>
<g stroke-width="40">$(svg_hanger 372)$(svg_hanger 512)$(svg_hanger 652)</g>
</g>
</svg>
SVG
