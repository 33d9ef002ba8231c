import json, re, random, math, collections
sel=json.load(open('/tmp/rel/sel.json'))
codes={}
for ln in open('/tmp/rel/labels.txt'):
    ln=ln.strip()
    if not ln: continue
    s,c=ln.split()
    s=int(s); assert len(c)==10 or s+len(c)==len(sel), (s,c)
    for i,ch in enumerate(c):
        assert ch in 'THF'; assert s+i not in codes; codes[s+i]=ch
assert sorted(codes)==list(range(len(sel))), len(codes)
C='0441f5273b8763fa543a6148b97efbbbae37b371'
MON=['January','February','March','April','May','June','July','August','September','October','November','December']
out=[]; seen=set(); cnt=collections.Counter()
for x in sel:
    t=re.sub(r'^\+\s+','',x['text']).strip()
    if t in seen: continue
    seen.add(t)
    y,m,d=x['date'].split('-')
    cnt[x['date']]+=1
    ch=codes[x['n']]
    out.append(dict(id=f"wikinews-{x['date']}:{x['n']}", text=t, war_related=ch=='T', hard_negative=ch=='H',
        section=x['section'], source_url=f"https://en.wikipedia.org/wiki/Portal:Current_events/{y}_{MON[int(m)-1]}_{int(d)}",
        repo='fordred/wikinews', path=x['path'], commit=C, licence='CC BY-SA 4.0',
        labeller='helper-relevance (LLM annotator, read each paragraph)'))
# splits
strata=collections.defaultdict(list)
for r in out: strata[(r['war_related'],r['hard_negative'])].append(r)
rng=random.Random(20261202)
for k in sorted(strata):
    lst=sorted(strata[k],key=lambda r:r['id']); rng.shuffle(lst)
    nt=math.ceil(0.4*len(lst))
    for i,r in enumerate(lst): r['split']='test' if i<nt else 'dev'
with open('/work/main/annotations/relevance/corpus/paragraphs.jsonl','w') as f:
    for r in out: f.write(json.dumps(r,ensure_ascii=False)+'\n')
N=len(out); T=sum(r['war_related'] for r in out); H=sum(r['hard_negative'] for r in out)
print('total',N,'true',T,'false',N-T,'hard',H, f'{H/N:.1%}', 'dates',len(cnt))
for sp in ['dev','test']:
    rs=[r for r in out if r['split']==sp]
    print(sp,len(rs),sum(r['war_related'] for r in rs),sum(not r['war_related'] for r in rs),sum(r['hard_negative'] for r in rs))
print(collections.Counter((r['section'],r['war_related']) for r in out).most_common(40))
