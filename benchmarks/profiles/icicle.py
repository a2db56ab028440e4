#!/usr/bin/env python3
"""Issue 21 (throw-away tool): folded stacks (frame;frame;... count per line) -> an icicle graph as SVG, roots on top,
each frame as wide as its share of the samples, coloured by kind (red: ECDSA/OpenSSL, blue: audit/SQLite, grey:
thread-pool spin, orange: kernel, green: Aquila, yellow: Kestrel/gRPC, purple: JIT). Hover a frame for its name and share.

    python3 icicle.py stacks.folded out.svg "title"
"""
import sys, html, re
folded, out, title = sys.argv[1], sys.argv[2], sys.argv[3]
W, H, MINW = 1600, 15, 0.4
tree = {'n': 0, 'c': {}}
for line in open(folded):
    stack, _, count = line.rstrip('\n').rpartition(' ')
    if not stack: continue
    n = int(count); node = tree; node['n'] += n
    for f in stack.split(';'):
        node = node['c'].setdefault(f, {'n': 0, 'c': {}}); node['n'] += n
total = tree['n']
def colour(f):
    if f.startswith('k:'): return '#e0a060'
    if 'libcrypto' in f or 'EcDsa' in f or 'ECDsa' in f or 'CryptoNative' in f: return '#d06060'
    if 'sqlite' in f.lower() or 'Audit' in f: return '#60a0d0'
    if 'LowLevelLifoSemaphore' in f or 'SpinWait' in f or 'sched_yield' in f: return '#a0a0a0'
    if 'clrjit' in f or 'Tiered' in f: return '#c080c0'
    if f.startswith('Aquila'): return '#70c070'
    if 'Kestrel' in f or 'Http2' in f or 'Grpc' in f or 'AspNetCore' in f: return '#d0d070'
    return '#f0d0a0'
rects = []; depth_max = [0]
def walk(node, x, d):
    for f, ch in sorted(node['c'].items(), key=lambda kv: -kv[1]['n']):
        w = ch['n'] / total * W
        if w >= MINW:
            depth_max[0] = max(depth_max[0], d)
            label = f if len(f) * 6.5 < w else (f[:int(w / 6.5) - 2] + '..' if w > 30 else '')
            tip = f'{f} ({ch["n"]} samples, {100 * ch["n"] / total:.1f} %)'
            rects.append(f'<g><title>{html.escape(tip)}</title><rect x="{x:.1f}" y="{d * H + 30}" width="{w:.1f}" height="{H - 1}" '
                         f'fill="{colour(f)}"/><text x="{x + 2:.1f}" y="{d * H + 30 + 11}">{html.escape(label)}</text></g>')
            walk(ch, x, d + 1)
        x += w
walk(tree, 0, 0)
h = (depth_max[0] + 2) * H + 40
with open(out, 'w') as o:
    o.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{h}" font-family="monospace" font-size="10">\n')
    o.write(f'<text x="4" y="16" font-size="13">{html.escape(title)} — {total} samples; width = share of samples; hover for names</text>\n')
    o.write('\n'.join(rects)); o.write('\n</svg>\n')
print(len(rects), 'rects, depth', depth_max[0])
