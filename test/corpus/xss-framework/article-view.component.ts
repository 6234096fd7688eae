import { Component, Input, OnInit } from '@angular/core';
import { DomSanitizer, SafeHtml, SafeResourceUrl } from '@angular/platform-browser';
import { ActivatedRoute } from '@angular/router';
import DOMPurify from 'dompurify';

interface Article {
  title: string;
  bodyHtml: string;
  videoId: string;
}

@Component({
  selector: 'app-article-view',
  template: `
    <h1>{{ article.title }}</h1>
    <div [innerHTML]="body"></div>
    <iframe [src]="videoUrl"></iframe>
    <p [innerHTML]="note"></p>
  `,
})
export class ArticleViewComponent implements OnInit {
  @Input() article!: Article;
  body!: SafeHtml;
  note!: SafeHtml;
  videoUrl!: SafeResourceUrl;
  footer!: SafeHtml;

  constructor(private readonly sanitizer: DomSanitizer, private readonly route: ActivatedRoute) {}

  ngOnInit(): void {
    this.body = this.sanitizer.bypassSecurityTrustHtml(this.article.bodyHtml); // expect: framework-xss-bypass
    const ref = this.route.snapshot.queryParamMap.get('ref') ?? '';
    this.note = this.sanitizer.bypassSecurityTrustHtml(`Shared by <b>${ref}</b>`); // expect: framework-xss-bypass
    this.videoUrl = this.sanitizer.bypassSecurityTrustResourceUrl(`https://www.youtube-nocookie.com/embed/${encodeURIComponent(this.article.videoId)}`); // safe
    this.footer = this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(this.article.bodyHtml)); // safe
  }

  openExternal(url: string) {
    return this.sanitizer.bypassSecurityTrustUrl(url); // expect: framework-xss-bypass
  }
}
