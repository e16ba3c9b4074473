#!/usr/bin/env python3
"""How SecretRedactor's high-entropy thresholds were chosen (docs/security.md).

Collects candidate tokens (runs of [A-Za-z0-9+/_-], 20+ characters, with upper case, lower case and digits,
paths skipped) from the public sets together, sets apart the 43-character ones (JWT signatures found in the
Nezha logs: real bearer tokens), and compares them with random base62/base64 strings of length 20..64 under
(normalised entropy, class-switch rate) thresholds. Usage: python3 bench/secret-entropy-study.py [data root]
"""
import collections, glob, math, os, random, re, string, sys

root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
os.chdir(root)
tok = re.compile(r'[A-Za-z0-9+/_\-]{20,}')
files = (glob.glob('loghub-2k/*/*_2k.log') + glob.glob('loghub-v1-2k/*/*_2k.log')
         + sorted(glob.glob('nezha-tt/rca_data/*/log/*.csv'))[:40]
         + sorted(glob.glob('changerca/**/*.json', recursive=True))[:50]
         + sorted(glob.glob('petshop/**/*.csv', recursive=True))[:5])

def entropy(s):
    c = collections.Counter(s); n = len(s)
    return -sum(v / n * math.log2(v / n) for v in c.values())

def mixed(s):
    return any(ch.isupper() for ch in s) and any(ch.islower() for ch in s) and any(ch.isdigit() for ch in s)

def cls(c):
    return 0 if c.isupper() else 1 if c.islower() else 2 if c.isdigit() else 3

def switch_rate(t):
    return sum(1 for a, b in zip(t, t[1:]) if cls(a) != cls(b)) / (len(t) - 1)

def norm_entropy(t):
    return entropy(t) / math.log2(min(len(t), 64))

benign = set()
for f in files:
    for line in open(f, errors='ignore'):
        for t in tok.findall(line):
            if '/' in t and any(p.isalpha() and p.islower() for p in t.split('/')):
                continue
            if mixed(t) and not t.startswith('eyJ'):
                benign.add(t)

random.seed(1)
a62 = string.ascii_letters + string.digits
a64 = a62 + '+/'
secrets = [s for n in range(20, 65) for _ in range(200) for s in
           (''.join(random.choice(a62) for _ in range(n)), ''.join(random.choice(a64) for _ in range(n))) if mixed(s)]
jwt = [t for t in benign if len(t) == 43]
other = [t for t in benign if len(t) != 43]
print(f"{len(files)} files, {len(benign)} distinct candidate tokens ({len(jwt)} JWT signatures), {len(secrets)} random secrets")
for e in (0.75, 0.8):
    for s in (0.3, 0.35, 0.4, 0.45):
        hit = lambda t: norm_entropy(t) >= e and switch_rate(t) >= s
        flagged = [t for t in other if hit(t)]
        print(f"entropy>={e} switch>={s}: secrets caught {sum(map(hit, secrets)) / len(secrets):.4f}, "
              f"JWT signatures {sum(map(hit, jwt))}/{len(jwt)}, other tokens flagged {len(flagged)}/{len(other)} {flagged[:3]}")

# Names made of words with a generated suffix (CloudFormation's LogicalIdHASH-random): a token that starts with a
# capitalised word of 4+ letters and holds two capitalised words of 5+ letters in a row is a name. Checked against
# random base62/base64 and base64url strings (which may start with such a word by chance) at the chosen thresholds.
name = re.compile(r'^(?=[A-Z][a-z]{3}).*?(?:[A-Z][a-z]{4,}){2}')
a64u = a62 + '-_'
url = [s for n in range(20, 65) for _ in range(200) for s in [''.join(random.choice(a64u) for _ in range(n))] if mixed(s)]
base = lambda t: norm_entropy(t) >= 0.75 and switch_rate(t) >= 0.4
for label, rule in (("without the name rule", base), ("with the name rule", lambda t: base(t) and not name.search(t))):
    print(f"{label}: base62/64 caught {sum(map(rule, secrets)) / len(secrets):.4f}, base64url caught {sum(map(rule, url)) / len(url):.4f}, "
          f"JWT signatures {sum(map(rule, jwt))}/{len(jwt)}, other tokens flagged {[t for t in other if rule(t)]}")
