import React, { useEffect } from 'react';
import $ from 'jquery';

// Shows the coupon from a marketing link (?coupon=SPRING24) in the legacy jQuery banner slot.
export function PromoBanner() {
  useEffect(() => {
    const coupon = new URLSearchParams(window.location.search).get('coupon');
    if (coupon) {
      $('#promo-banner').html('Use code <b>' + coupon + '</b> at checkout for 10% off').show();
    }
  }, []);
  return <div id="promo-banner" className="banner" style={{ display: 'none' }} />;
}
