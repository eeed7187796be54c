// Material's partials/javascripts/base.html, as a file every page shares
// (overrides/partials/javascripts/base.html loads it in the head): written
// inline it was 330 bytes of every page. The site's root is two folders up
// from this file (assets/javascripts/), which is what Material's inline
// script took from the page's base_url.
__md_scope=new URL("../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
