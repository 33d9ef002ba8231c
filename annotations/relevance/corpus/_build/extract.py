import json, re, subprocess, collections
D='/work/.mirror/fordred+wikinews/repo'
used={json.loads(l).get('pub_date') for l in open('/work/main/annotations/corpus/SOURCES.jsonl')}
files=subprocess.run(['git','-C',D,'ls-tree','--name-only','HEAD','docs/_posts/'],capture_output=True,text=True).stdout.split()
def clean(s):
    s=re.sub(r'\[\(([^\]]*?)\)\]\([^)]*\)', lambda m:'('+m.group(1).replace('*','')+')', s)  # source tags
    # links with nested parens in url: match [text](url "title") greedily to closing quote-paren or paren
    for _ in range(3):
        s=re.sub(r'\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)', r'\1', s)
    s=s.replace('**','').replace('*','').replace('\\','')
    return re.sub(r'\s+',' ',s).strip()
items=[]
for f in files:
    m=re.search(r'(\d{4}-\d{2}-\d{2})-index\.md',f)
    if not m: continue
    date=m.group(1)
    if date in used: continue
    txt=subprocess.run(['git','-C',D,'show','HEAD:'+f],capture_output=True,text=True).stdout
    sec=None; lines=txt.split('\n')
    blist=[]
    for ln in lines:
        h=re.match(r'#{2,5}\s+(.*)',ln)
        if h: sec=clean(h.group(1)); continue
        b=re.match(r'(\s*)[*-]\s+(.*)',ln)
        if b and sec: blist.append((len(b.group(1)),b.group(2),sec))
    for i,(ind,t,s) in enumerate(blist):
        leaf = not (i+1<len(blist) and blist[i+1][0]>ind and blist[i+1][2]==s)
        if not leaf: continue
        c=clean(t)
        if not re.search(r'\([^()]+\)\s*$',c) or len(c.split())<8: continue
        items.append(dict(date=date,path=f,section=s,text=c))
json.dump(items,open('/tmp/rel/pool.json','w'))
print(len(items), len({i['date'] for i in items}))
print(collections.Counter(i['section'] for i in items).most_common(30))
