import json,random,re
it=json.load(open('pool.json'))
seen=set(); u=[]
for x in it:
    if x['text'] in seen: continue
    seen.add(x['text']); u.append(x)
r=random.Random(777)
V=re.compile(r'\b(kill\w*|dead|death\w*|die[sd]?|attack\w*|shoot\w*|shot|gun\w*|fire\w*|explo\w*|crash\w*|bomb\w*|battle\w*|defeat\w*|war\b|fight\w*|clash\w*|riot\w*|storm\w*|victim\w*|injur\w*|murder\w*|stab\w*|weapon\w*|army|armed|police|troops?|siege|raid\w*|hostage\w*|massacre\w*|violen\w*|destroy\w*|sink\w*|sank|collaps\w*|fatal\w*|casualt\w*|knife|assassin\w*|terror\w*|militar\w*|missile\w*|strike\w*|invasion|invade\w*|conquer\w*|rout\w*|offensive|defen[cs]\w*|capture\w*|blast\w*)\b',re.I)
ac=[x for x in u if x['section'].lower().startswith(('armed','attacks'))]
rest=[x for x in u if x not in ac]
vio=[x for x in rest if V.search(x['text'])]
calm=[x for x in rest if not V.search(x['text'])]
print(len(ac),len(vio),len(calm))
sel=r.sample(ac,430)+r.sample(vio,860)+r.sample(calm,280)
r.shuffle(sel)
for i,x in enumerate(sel): x['n']=i
json.dump(sel,open('sel.json','w'))
import collections; print(collections.Counter(x['section'] for x in sel))
