"""List, sort, filter and search timings over a demo database: python bench/gui_list_timings.py DB"""
import time, sys
from datetime import date
from complaint_desk.store.database import open_database
t=time.perf_counter(); db=open_database(sys.argv[1]); print(f"open+migrate {time.perf_counter()-t:.1f}s", flush=True)
from complaint_desk.services import case_list as cl
from complaint_desk.services.users import actor_for
from complaint_desk.domain.case_list import *
a=actor_for(db,'bkk1.supervisor'); today=date.today()
def tm(label, f, n=3):
    best=1e9
    for _ in range(n):
        t=time.perf_counter(); r=f(); best=min(best,time.perf_counter()-t)
    print(f"{label:55s} {best*1000:8.1f} ms  -> {r if isinstance(r,int) else len(r)}", flush=True)
    return r
tm("queue counts (10 queues)", lambda: len(cl.queue_counts(db,a,today)))
for q in (Queue.ALL, Queue.ALL_OPEN, Queue.MY_WORK, Queue.CLOSED):
    f=CaseFilter(queue=q)
    n=tm(f"count {q}", lambda: cl.count_cases(db,a,f,today))
    tm(f"  first page {q}", lambda: cl.list_page(db,a,f,Sort(),today,offset=0,limit=200,total=n))
    tm(f"  page at 40%", lambda: cl.list_page(db,a,f,Sort(),today,offset=int(n*0.4),limit=200,total=n))
    tm(f"  last page (jump to end)", lambda: cl.list_page(db,a,f,Sort(),today,offset=max(0,n-200),limit=200,total=n))
fa=CaseFilter(queue=Queue.ALL)
for key in SortKey:
    s=Sort(key, False)
    tm(f"sort all by {key} first page", lambda: cl.list_page(db,a,fa,s,today,offset=0,limit=200,total=1000000), n=1)
for label, f in [("status=investigating", CaseFilter(queue=Queue.ALL, statuses=frozenset({'investigating'}))),
                 ("level=3", CaseFilter(queue=Queue.ALL, levels=frozenset({3}))),
                 ("category=utilities", CaseFilter(queue=Queue.ALL, categories=frozenset({'utilities'}))),
                 ("channel=line", CaseFilter(queue=Queue.ALL, channels=frozenset({'line'}))),
                 ("office=CNX", CaseFilter(queue=Queue.ALL, offices=frozenset({'CNX'}))),
                 ("responsible=กองนิติการ", CaseFilter(queue=Queue.ALL, responsible='กองนิติการ')),
                 ("received Sep 2024", CaseFilter(queue=Queue.ALL, received_from=date(2024,9,1), received_to=date(2024,9,30))),
                 ("due from today", CaseFilter(queue=Queue.ALL, due_from=today)),
                 ("search 'น้ำประปา'", CaseFilter(queue=Queue.ALL, text='น้ำประปา')),
                 ("search 'ลิฟต์เสีย'", CaseFilter(queue=Queue.ALL, text='ลิฟต์เสีย')),
                 ("search reference 'CNX-2568-0001'", CaseFilter(queue=Queue.ALL, text='CNX-2568-0001')),
                 ("search name 'สมหญิง' (open)", CaseFilter(queue=Queue.ALL_OPEN, text='สมหญิง')),
                 ("search short 'ไฟ' (LIKE, bounded)", CaseFilter(queue=Queue.ALL, text='ไฟ')),
                 ]:
    n=tm(f"count {label}", lambda: cl.count_cases(db,a,f,today), n=1)
    tm(f"  first page", lambda: cl.list_page(db,a,f,Sort(),today,offset=0,limit=200,total=n), n=1)
    tm(f"  last page", lambda: cl.list_page(db,a,f,Sort(),today,offset=max(0,n-200),limit=200,total=n), n=1)
