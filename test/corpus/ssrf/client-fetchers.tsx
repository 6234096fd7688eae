import React, { useEffect, useState } from 'react';

export function FeedReader() {
  const [items, setItems] = useState<string[]>([]);
  useEffect(() => {
    const feed = new URLSearchParams(window.location.search).get('feed') ?? '/api/feed/default';
    fetch(feed) // safe
      .then((r) => r.json())
      .then((data) => setItems(data.items));
  }, []);
  return <ul>{items.map((item) => <li key={item}>{item}</li>)}</ul>;
}

